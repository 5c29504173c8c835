// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

// dust-faultproxy: the fault tests' loopback TCP proxy as a program.
//
//   dust-faultproxy <target-port> [listen-port]
//
// Prints "listening <port>", then obeys one command per line on stdin:
// "cut", "cutmid", "blackhole <ms>", "stats", "quit"; each is answered with
// one line on stdout.

#include "faultproxy.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qsocketnotifier.h>

#include <cstdio>
#include <unistd.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: dust-faultproxy <target-port> [listen-port]\n");
        return 2;
    }
    FaultProxy proxy(QHostAddress::LocalHost, quint16(args.at(1).toUInt()));
    if (!proxy.listen(args.size() > 2 ? quint16(args.at(2).toUInt()) : 0)) {
        std::fprintf(stderr, "dust-faultproxy: cannot listen\n");
        return 1;
    }
    std::printf("listening %u\n", unsigned(proxy.port()));
    std::fflush(stdout);

    QByteArray pending;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char buffer[256];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            QCoreApplication::quit();
            return;
        }
        pending.append(buffer, n);
        qsizetype newline;
        while ((newline = pending.indexOf('\n')) >= 0) {
            const QList<QByteArray> words = pending.left(newline).trimmed().split(' ');
            pending.remove(0, newline + 1);
            const QByteArray command = words.value(0);
            int affected = 0;
            if (command == "cut") {
                affected = proxy.cut();
            } else if (command == "cutmid") {
                affected = proxy.cutMidStream();
            } else if (command == "blackhole") {
                affected = proxy.blackhole(words.value(1).toInt());
            } else if (command == "stats") {
                std::printf("stats connections=%d bytes=%lld\n", proxy.connectionCount(),
                            qlonglong(proxy.bytesForwarded()));
                std::fflush(stdout);
                continue;
            } else if (command == "quit") {
                QCoreApplication::quit();
                return;
            } else {
                std::printf("unknown %s\n", command.constData());
                std::fflush(stdout);
                continue;
            }
            std::printf("ok %s %d\n", command.constData(), affected);
            std::fflush(stdout);
        }
    });
    return QCoreApplication::exec();
}
