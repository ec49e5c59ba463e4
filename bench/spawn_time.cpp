// `make bench`: wall times of a command run N times, in milliseconds, one per line. The command is
// started with posix_spawn (as a build tool or editor would start it), so the figure is the
// program's own start, work and exit, without the cost of a shell's fork (which is large on a
// small virtual machine; compare both with /bin/true).
//
//   spawn_time RUNS command [args...]     (standard output and error of the command are discarded)
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

extern char** environ;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: spawn_time RUNS command [args...]\n");
        return 2;
    }
    const int runs = std::atoi(argv[1]);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    for (int r = 0; r < runs; ++r) {
        const auto start = std::chrono::steady_clock::now();
        pid_t pid = 0;
        if (posix_spawnp(&pid, argv[2], &actions, nullptr, argv + 2, environ) != 0) {
            std::perror(argv[2]);
            return 1;
        }
        int status = 0;
        while (waitpid(pid, &status, 0) < 0) {
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "spawn_time: %s failed\n", argv[2]);
            return 1;
        }
        std::printf("%.1f\n", ms);
    }
    return 0;
}
