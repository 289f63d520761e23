// udp_beacon.cpp - broadcasts a discovery beacon once a second until told to stop, then tries to
// park its socket for reuse the same way the TCP side of the product does.
//
// Build: x86_64-w64-mingw32-g++ -std=c++17 udp_beacon.cpp -o udp_beacon.exe -lws2_32 -lmswsock
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mswsock.h>
#include <windows.h>
#include <cstdio>
#include <cstring>

namespace {

LPFN_DISCONNECTEX loadDisconnectEx(SOCKET s) {
    GUID id = WSAID_DISCONNECTEX;
    LPFN_DISCONNECTEX fn = nullptr;
    DWORD bytes = 0;
    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &fn, sizeof fn, &bytes,
                 nullptr, nullptr) == SOCKET_ERROR)
        return nullptr;
    return fn;
}

bool stopRequested() {
    return (GetAsyncKeyState(VK_ESCAPE) & 0x8000) != 0;
}

}  // namespace

int main() {
    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 1;

    SOCKET beacon = WSASocketW(AF_INET, SOCK_DGRAM, IPPROTO_UDP, nullptr, 0, WSA_FLAG_OVERLAPPED);
    if (beacon == INVALID_SOCKET) {
        WSACleanup();
        return 1;
    }
    BOOL on = TRUE;
    setsockopt(beacon, SOL_SOCKET, SO_BROADCAST, reinterpret_cast<const char *>(&on), sizeof on);

    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(7011);
    to.sin_addr.s_addr = htonl(INADDR_BROADCAST);
    const char hello[] = "winsock-lens-demo here";
    while (!stopRequested()) {
        if (sendto(beacon, hello, sizeof hello - 1, 0, reinterpret_cast<sockaddr *>(&to), sizeof to) == SOCKET_ERROR)
            std::fprintf(stderr, "sendto: %d\n", WSAGetLastError());
        Sleep(1000);
    }

    // Park the socket for the next run instead of closing it.
    LPFN_DISCONNECTEX disconnectEx = loadDisconnectEx(beacon);
    if (disconnectEx != nullptr) {
        OVERLAPPED ov{};
        ov.hEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
        if (!disconnectEx(beacon, &ov, TF_REUSE_SOCKET, 0) && WSAGetLastError() != WSA_IO_PENDING)
            std::fprintf(stderr, "DisconnectEx: %d\n", WSAGetLastError());
        else
            WaitForSingleObject(ov.hEvent, 5000);
        CloseHandle(ov.hEvent);
    }
    closesocket(beacon);
    WSACleanup();
    return 0;
}
