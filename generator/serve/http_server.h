// cpp-httplib's server with what a server that strangers can reach needs on top of it: a deadline
// for each request to arrive, a bound on its head, a cap on the connections waiting for a request
// (the oldest is dropped when one more comes), a listening socket whose errors name their cause,
// and a stop that ends every connection at once. httplib parses and answers the requests; this
// class owns the connections (it overrides Server::process_and_close_socket, as httplib's own
// SSLServer does).
#pragma once
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <set>
#include <string>
#include <system_error>

namespace icips::serve {

struct ConnectionLimits {
    // From the moment a connection waits for a request until its line, headers and body are in:
    // a request still incomplete then gets 408. A connection that sends nothing at all is closed
    // without an answer after the keep-alive timeout.
    std::chrono::milliseconds request_deadline{5000};
    size_t max_head_bytes = 16 * 1024;  // request line and headers; 431 beyond
    // Connections waiting for (the rest of) a request, idle kept-alive ones included. One more
    // drops the one that has waited longest: closed, with a 503 if it had sent part of a request.
    size_t max_waiting = 64;
};

// The address cannot be listened on; what() names the address and the cause.
class ListenError : public std::system_error {
public:
    ListenError(std::error_code code, std::string message) : std::system_error(code), message_(std::move(message)) {}
    const char* what() const noexcept override { return message_.c_str(); }

private:
    std::string message_;
};

class HttpServer : public httplib::Server {
public:
    explicit HttpServer(ConnectionLimits limits);
    ~HttpServer() override;

    // Listens on `host` (an IP address or "localhost") and `port` (0: a free one); returns the
    // port. Then listen_after_bind() serves. Throws ListenError.
    int listen_on(const std::string& host, int port);
    // Ends every open connection, so that the workers waiting on clients return at once; for after
    // stop(). Connections accepted later are closed at once.
    void close_connections();

private:
    class Connection;
    bool process_and_close_socket(socket_t sock) override;
    // The registry of open connections, and of those waiting for a request, oldest first.
    void opened(Connection& connection);
    void closed(Connection& connection);
    void start_waiting(Connection& connection);
    bool stop_waiting(Connection& connection);  // false when the connection was dropped meanwhile

    ConnectionLimits limits_;
    std::mutex mutex_;
    std::set<Connection*> open_;
    std::list<Connection*> waiting_;
    bool closing_ = false;
};

}  // namespace icips::serve
