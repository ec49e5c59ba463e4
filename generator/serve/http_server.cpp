// The connections of the preview server: each one read into a buffer until its request's head is
// complete (or late, or too large), then handed to httplib to parse and answer.
#include "serve/http_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

using namespace std::chrono;

namespace icips::serve {
namespace {

using Clock = steady_clock;

// Waits until `fd` has `events` or `until` passes; false on timeout.
bool wait_for(int fd, short events, Clock::time_point until) {
    for (;;) {
        const auto left = ceil<milliseconds>(until - Clock::now()).count();
        if (left <= 0) return false;
        pollfd p{fd, events, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left));
        if (ready > 0) return true;
        if (ready < 0 && errno != EINTR) return true;  // the read or write that follows reports it
    }
}

Clock::time_point after(time_t sec, time_t usec) { return Clock::now() + seconds(sec) + microseconds(usec); }

void address_of(int fd, bool peer, std::string& ip, int& port) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if ((peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length)
              : ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length)) != 0)
        return;
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
        ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
        port = ntohs(v4->sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
        ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
        port = ntohs(v6->sin6_port);
    }
    ip = text;
}

std::string listen_failure(int error) {
    switch (error) {
        case EADDRINUSE: return "the port is taken; choose another with --port (0 picks a free one)";
        case EADDRNOTAVAIL: return "the address is not one of this machine's";
        case EACCES: return "permission denied; ports below 1024 need privileges, choose another with --port";
        default: return std::strerror(error);
    }
}

}  // namespace

class HttpServer::Connection final : public httplib::Stream {
public:
    enum class Head { Complete, Idle, Closed, Late, TooLarge, Dropped };

    Connection(HttpServer& server, int fd) : server_(server), fd_(fd) {
        int yes = 1;  // a response's headers and body are two writes: no wait for a delayed ACK
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        server_.opened(*this);
    }
    ~Connection() override {
        server_.closed(*this);
        ::shutdown(fd_, SHUT_RDWR);
        ::close(fd_);
    }

    // Waits for the next request's line and headers, keeping what arrives in the buffer for httplib.
    Head read_head() {
        in_request_ = true;
        server_.start_waiting(*this);
        const auto start = Clock::now();
        deadline_ = start + server_.limits_.request_deadline;
        const auto idle_until = std::min(deadline_, start + seconds(server_.keep_alive_timeout_sec_));
        received_ = !buffer_.empty();
        for (size_t scanned = 0;;) {
            const size_t end = buffer_.find("\r\n\r\n", scanned < 3 ? 0 : scanned - 3);
            if (end != std::string::npos)
                return end + 4 <= server_.limits_.max_head_bytes ? Head::Complete : Head::TooLarge;
            if (buffer_.size() > server_.limits_.max_head_bytes) return Head::TooLarge;
            scanned = buffer_.size();
            if (dropped_) return Head::Dropped;
            if (!wait_for(fd_, POLLIN, received_ ? deadline_ : idle_until))
                return dropped_ ? Head::Dropped : received_ ? Head::Late : Head::Idle;
            char chunk[4096];
            const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (dropped_) return Head::Dropped;  // being dropped shuts down reading: recv returns 0
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return Head::Closed;
            buffer_.append(chunk, static_cast<size_t>(n));
            received_ = true;
        }
    }

    // Answers a request that did not arrive whole (or says nothing when none had begun), then closes.
    void refuse(Head head) {
        switch (head) {
            case Head::Late: return answer_and_close("408 Request Timeout", "the request did not arrive in time\n");
            case Head::TooLarge:
                return answer_and_close("431 Request Header Fields Too Large",
                                        "the request line and headers are larger than " +
                                            std::to_string(server_.limits_.max_head_bytes / 1024) + " KiB\n");
            case Head::Dropped:
                if (received_)
                    answer_and_close("503 Service Unavailable", "too many connections are waiting; try again\n");
                return;
            default: return;
        }
    }

    bool dropped() const { return dropped_; }

    // ---- httplib::Stream
    bool is_readable() const override {
        return !buffer_.empty() || wait_for(fd_, POLLIN, read_until());
    }
    bool is_writable() const override {
        if (dropped_ || !wait_for(fd_, POLLOUT, after(server_.write_timeout_sec_, server_.write_timeout_usec_)))
            return false;
        char byte;  // a peer that has gone away reads as the end of the stream
        return ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) != 0;
    }
    ssize_t read(char* ptr, size_t size) override {
        if (!buffer_.empty()) {
            const size_t n = std::min(size, buffer_.size());
            std::memcpy(ptr, buffer_.data(), n);
            buffer_.erase(0, n);
            return static_cast<ssize_t>(n);
        }
        for (;;) {
            if (dropped_ || !wait_for(fd_, POLLIN, read_until())) return -1;
            const ssize_t n = ::recv(fd_, ptr, size, 0);
            if (n >= 0 || errno != EINTR) return n;
        }
    }
    ssize_t write(const char* ptr, size_t size) override {
        if (in_request_) {  // the answer begins: the request is no longer waited for
            in_request_ = false;
            if (!server_.stop_waiting(*this)) return -1;
        }
        const auto until = after(server_.write_timeout_sec_, server_.write_timeout_usec_);
        for (;;) {
            const ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n >= 0 || (errno != EAGAIN && errno != EINTR)) return n;
            if (!wait_for(fd_, POLLOUT, until)) return -1;
        }
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override { address_of(fd_, true, ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { address_of(fd_, false, ip, port); }
    socket_t socket() const override { return fd_; }

private:
    friend class HttpServer;

    // Reads of a request stop at its deadline.
    Clock::time_point read_until() const {
        const auto until = after(server_.read_timeout_sec_, server_.read_timeout_usec_);
        return in_request_ ? std::min(until, deadline_) : until;
    }

    void answer_and_close(const std::string& status, const std::string& text) {
        const std::string response = "HTTP/1.1 " + status +
                                     "\r\nConnection: close\r\nCache-Control: no-store\r\n"
                                     "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                                     std::to_string(text.size()) + "\r\n" +
                                     (status.starts_with("503") ? "Retry-After: 1\r\n" : "") + "\r\n" + text;
        if (wait_for(fd_, POLLOUT, Clock::now() + milliseconds(100)))
            (void)::send(fd_, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        // Closing with unread bytes would reset the connection, and the client could lose the
        // answer: read what has arrived, without waiting for more.
        ::shutdown(fd_, SHUT_WR);
        char sink[4096];
        while (::recv(fd_, sink, sizeof sink, MSG_DONTWAIT) > 0) {
        }
    }

    HttpServer& server_;
    const int fd_;
    std::string buffer_;     // received and not yet read by httplib
    bool in_request_ = false;  // from waiting for a request until its answer begins
    bool received_ = false;  // part of the current request has arrived
    Clock::time_point deadline_;
    std::atomic<bool> dropped_ = false;
    bool waiting_ = false;  // in server_.waiting_, at place_ (both under server_.mutex_)
    std::list<Connection*>::iterator place_;
};

HttpServer::HttpServer(ConnectionLimits limits) : limits_(limits) {
    limits_.max_waiting = std::max<size_t>(limits_.max_waiting, 1);
}

HttpServer::~HttpServer() {
    // A socket listened on but never served (the first build was refused, say) is closed here.
    const socket_t sock = svr_sock_.exchange(INVALID_SOCKET);
    if (sock != INVALID_SOCKET) ::close(sock);
}

int HttpServer::listen_on(const std::string& host, int port) {
    const std::string where = (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    // An address, not a name to look up (a lookup could wait on the network); "localhost" comes
    // from /etc/hosts.
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV | (host == "localhost" ? 0 : AI_NUMERICHOST);
    addrinfo* found = nullptr;
    if (const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); rc != 0)
        throw ListenError(std::make_error_code(std::errc::invalid_argument),
                          "cannot listen on " + where + ": not an IP address (" + ::gai_strerror(rc) +
                              "); --bind takes one of this machine's addresses, such as 127.0.0.1 or 0.0.0.0");
    int error = EADDRNOTAVAIL;
    socket_t sock = INVALID_SOCKET;
    for (const addrinfo* a = found; a && sock == INVALID_SOCKET; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            error = errno;
            continue;
        }
        // SO_REUSEADDR only: SO_REUSEPORT (httplib's default) would let a second server share the
        // port instead of being told it is taken.
        int yes = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) {
            sock = fd;
        } else {
            error = errno;
            ::close(fd);
        }
    }
    ::freeaddrinfo(found);
    if (sock == INVALID_SOCKET)
        throw ListenError(std::error_code(error, std::system_category()), "cannot listen on " + where + ": " + listen_failure(error));
    sockaddr_storage local{};
    socklen_t length = sizeof local;
    ::getsockname(sock, reinterpret_cast<sockaddr*>(&local), &length);
    svr_sock_ = sock;
    return ntohs(local.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&local)->sin6_port
                                             : reinterpret_cast<sockaddr_in*>(&local)->sin_port);
}

void HttpServer::close_connections() {
    std::lock_guard lock(mutex_);
    closing_ = true;
    for (Connection* connection : open_) ::shutdown(connection->fd_, SHUT_RDWR);
}

bool HttpServer::process_and_close_socket(socket_t sock) {
    Connection connection(*this, sock);
    bool ok = true;
    for (size_t served = 0; ok && served < keep_alive_max_count_; ++served) {
        const Connection::Head head = connection.read_head();
        if (head != Connection::Head::Complete) {
            connection.refuse(head);
            break;
        }
        bool connection_closed = false;
        ok = process_request(connection, served + 1 == keep_alive_max_count_, connection_closed, nullptr);
        if (connection.dropped()) {
            connection.refuse(Connection::Head::Dropped);
            break;
        }
        if (connection_closed) break;
    }
    return ok;
}

void HttpServer::opened(Connection& connection) {
    std::lock_guard lock(mutex_);
    open_.insert(&connection);
    if (closing_) ::shutdown(connection.fd_, SHUT_RDWR);
}

void HttpServer::closed(Connection& connection) {
    std::lock_guard lock(mutex_);
    open_.erase(&connection);
    if (connection.waiting_) waiting_.erase(connection.place_);
    connection.waiting_ = false;
}

void HttpServer::start_waiting(Connection& connection) {
    std::lock_guard lock(mutex_);
    if (connection.waiting_ || connection.dropped_) return;
    connection.place_ = waiting_.insert(waiting_.end(), &connection);
    connection.waiting_ = true;
    if (waiting_.size() <= limits_.max_waiting) return;
    Connection* oldest = waiting_.front();
    waiting_.pop_front();
    oldest->waiting_ = false;
    oldest->dropped_ = true;
    ::shutdown(oldest->fd_, SHUT_RD);  // wakes its worker, which answers and closes it
}

bool HttpServer::stop_waiting(Connection& connection) {
    std::lock_guard lock(mutex_);
    if (connection.waiting_) waiting_.erase(connection.place_);
    connection.waiting_ = false;
    return !connection.dropped_;
}

}  // namespace icips::serve
