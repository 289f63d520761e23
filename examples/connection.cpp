// connection.cpp - a small RAII wrapper around a connected TCP socket, the kind that grows in a
// C++ code base: the destructor closes the handle, methods send framed messages, and finish()
// says goodbye to the server.
//
// Build: x86_64-w64-mingw32-g++ -std=c++17 connection.cpp -o connection.exe -lws2_32
#include <winsock2.h>
#include <ws2tcpip.h>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <utility>

class WinsockSession {
public:
    WinsockSession() {
        WSADATA data;
        int rc = WSAStartup(MAKEWORD(2, 2), &data);
        if (rc != 0)
            throw std::runtime_error("WSAStartup failed: " + std::to_string(rc));
    }
    ~WinsockSession() { WSACleanup(); }
    WinsockSession(const WinsockSession &) = delete;
    WinsockSession &operator=(const WinsockSession &) = delete;
};

class Connection {
public:
    Connection(const char *host, unsigned short port) {
        sock_ = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        if (sock_ == INVALID_SOCKET)
            throw std::runtime_error("socket failed: " + std::to_string(WSAGetLastError()));
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        if (inet_pton(AF_INET, host, &addr.sin_addr) != 1 ||
            ::connect(sock_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == SOCKET_ERROR) {
            int err = WSAGetLastError();
            ::closesocket(sock_);
            throw std::runtime_error("connect failed: " + std::to_string(err));
        }
    }

    ~Connection() {
        if (sock_ != INVALID_SOCKET)
            ::closesocket(sock_);
    }

    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    Connection(Connection &&other) noexcept : sock_(std::exchange(other.sock_, INVALID_SOCKET)) {}

    // Sends one length-prefixed message.
    bool sendMessage(const std::string &payload) {
        u_long netLen = htonl(static_cast<u_long>(payload.size()));
        return sendAll(reinterpret_cast<const char *>(&netLen), sizeof netLen) &&
               sendAll(payload.data(), static_cast<int>(payload.size()));
    }

    // Tells the server we are done, with a last "BYE" record after the FIN.
    void finish() {
        if (::WSASendDisconnect(sock_, nullptr) == SOCKET_ERROR) {
            std::fprintf(stderr, "WSASendDisconnect: %d\n", WSAGetLastError());
            return;
        }
        const char bye[] = "BYE\n";
        ::send(sock_, bye, static_cast<int>(sizeof bye - 1), 0);
    }

    // Stops sending, drains what the server still sends, and closes.
    void close() {
        ::shutdown(sock_, SD_SEND);
        char scratch[512];
        while (::recv(sock_, scratch, sizeof scratch, 0) > 0) {
        }
        if (::WSASendDisconnect(sock_, nullptr) == SOCKET_ERROR)
            std::fprintf(stderr, "WSASendDisconnect: %d\n", WSAGetLastError());
        ::closesocket(std::exchange(sock_, INVALID_SOCKET));
    }

private:
    bool sendAll(const char *buf, int len) {
        while (len > 0) {
            int n = ::send(sock_, buf, len, 0);
            if (n == SOCKET_ERROR)
                return false;
            buf += n;
            len -= n;
        }
        return true;
    }

    SOCKET sock_ = INVALID_SOCKET;
};

int main(int argc, char **argv) {
    try {
        WinsockSession session;
        Connection conn(argc > 1 ? argv[1] : "127.0.0.1", 7007);
        for (int i = 2; i < argc; ++i) {
            if (!conn.sendMessage(argv[i])) {
                std::fprintf(stderr, "send failed: %d\n", WSAGetLastError());
                return 1;
            }
        }
        conn.finish();
        conn.close();
    } catch (const std::exception &e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
