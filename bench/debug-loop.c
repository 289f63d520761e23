/* The debugger benchmark's program: a loop to step through, then `calls` Winsock calls (sendto on
 * a UDP socket to 127.0.0.1:9, the discard port: nothing needs to listen) to time the tracer. */
#include <winsock2.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    WSADATA wsa;
    struct sockaddr_in to;
    SOCKET s;
    int calls = argc > 1 ? atoi(argv[1]) : 0;
    int steps = argc > 2 ? atoi(argv[2]) : 0;
    int i;
    volatile int x = 0;

    WSAStartup(MAKEWORD(2, 2), &wsa);
    for (i = 0; i < steps; i++)
        x += i;
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons(9);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (i = 0; i < calls; i++)
        sendto(s, "x", 1, 0, (struct sockaddr *)&to, sizeof to);
    closesocket(s);
    WSACleanup();
    printf("done %d\n", x);
    return 0;
}
