// The JSON Schemas of the content files (generator/schema/<kind>.schema.json), compiled into the
// binary from a source file that the build generates (embed.cmake). A built site publishes each at
// /schema/<kind>.json; editors read them from the repository (docs/editors.md).
#pragma once
#include <span>
#include <string_view>

namespace icips::schema {

struct SchemaFile {
    std::string_view kind;  // "pack": generator/schema/pack.schema.json, published at /schema/pack.json
    std::string_view text;  // the file's bytes
};

// Every schema, by kind in alphabetical order.
std::span<const SchemaFile> schema_files();

}  // namespace icips::schema
