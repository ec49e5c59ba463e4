// A small content tree in a fresh temporary directory, for loader tests; removed afterwards.
#pragma once
#include "content/diagnostics.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

struct ContentTree {
    std::filesystem::path root = std::filesystem::temp_directory_path() /
                                 ("icips-test-" + std::to_string(::getpid()) + "-" +
                                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    ContentTree() { std::filesystem::remove_all(root); }
    ~ContentTree() { std::filesystem::remove_all(root); }
    void write(const std::string& relative, const std::string& text) const {
        std::filesystem::create_directories((root / relative).parent_path());
        std::ofstream(root / relative, std::ios::binary) << text;
    }
    // The diagnostics as the user reads them, with paths relative to the tree.
    std::vector<std::string> relative(const std::vector<icips::content::Diagnostic>& diagnostics) const {
        const std::string prefix = root.string() + "/";
        std::vector<std::string> out;
        for (const auto& d : diagnostics) {
            std::string text = format(d);
            for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix))
                text.erase(at, prefix.size());
            out.push_back(text);
        }
        return out;
    }
};
