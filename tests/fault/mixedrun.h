// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef MIXEDRUN_H
#define MIXEDRUN_H

// The run shared by the server-crash and network-cut tests: a dust-devserver
// on a data directory, N dust-faultclient processes writing a mixed op
// stream (to the server directly, or through a proxy), a fault schedule
// supplied by the test, then the checks of the issue:
//  - every write acknowledged to a client is in the server's final state
//    (its store_seq holds that client's op; its own paths match the
//    client's reference replay; the shared counter and compare-and-set
//    value add up to what was acknowledged);
//  - no write is applied twice;
//  - every client's copy converges to the server's state;
//  - each client's committed subscription saw every store_seq once, in order;
//  - each client's ListModel ends identical to a fresh all().

#include "faultharness.h"
#include "phoenixtestclient.h"

#include <QtCore/qtemporarydir.h>

#include <functional>

namespace Fault {

struct MixedRunResult
{
    qint64 acked = 0;
    qint64 lost = 0;
    qint64 dup = 0;
    bool converged = false;
    qint64 head = 0;
    qint64 casAcked = 0;
    qint64 issued = 0;
    QStringList problems;
};

class MixedRun
{
public:
    static QString store() { return u"acme/fault"_s; }
    static QString token() { return u"dust_tok_fault_0123456789abcdef"_s; }

    MixedRun(int clients, int heartbeatMs) : m_clientCount(clients), m_heartbeatMs(heartbeatMs)
    {
        m_port = freePort();
        const QString tokens = writeTokens(m_dir.path(), token());
        m_server = std::make_unique<DevServer>(m_dir.filePath(u"data"_s), m_port, tokens, store());
    }

    DevServer &server() { return *m_server; }
    quint16 serverPort() const { return m_port; }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Starts the clients on `port` and waits until each has joined.
    bool startClients(quint16 port)
    {
        for (int i = 0; i < m_clientCount; ++i) {
            auto client = std::make_unique<Child>(u"client%1"_s.arg(i));
            client->start(QStringLiteral(DUST_FAULTCLIENT_PATH),
                          {u"--url"_s, u"ws://127.0.0.1:%1/ws/sync"_s.arg(port), u"--token"_s, token(),
                           u"--store"_s, store(), u"--index"_s, QString::number(i),
                           u"--seed"_s, QString::number(seed() + quint32(i)),
                           u"--out"_s, path(u"client%1.json"_s.arg(i)),
                           u"--heartbeat"_s, QString::number(m_heartbeatMs)});
            m_clients.push_back(std::move(client));
        }
        for (const auto &client : m_clients) {
            if (client->waitForLine(u"ready"_s, 120000) < 0) {
                qWarning() << client->name() << "never got ready:" << client->lines();
                return false;
            }
        }
        return true;
    }

    // Stops the writers, syncs every client to the server's head, stops the
    // server cleanly and checks everything.
    MixedRunResult finish(const QUrl &serverUrl)
    {
        MixedRunResult result;
        for (const auto &client : m_clients)
            client->send("stop");
        for (const auto &client : m_clients) {
            if (client->waitForLine(u"written"_s, 600000) < 0)
                result.problems.append(client->name() + u" did not finish writing"_s);
        }
        // The head, from a join.
        PhoenixTestClient probe;
        if (!probe.open(serverUrl, {token(), u"dev_probe"_s})) {
            result.problems.append(u"cannot reach the server after the faults"_s);
            return result;
        }
        result.head = probe.join(u"store:"_s + store()).value(u"response").toObject().value(u"store_seq").toInteger();
        probe.close();
        for (const auto &client : m_clients)
            client->send("verify " + QByteArray::number(result.head));
        for (const auto &client : m_clients) {
            if (client->waitForLine(u"verified"_s, 600000) < 0 || !client->waitForExit() || client->exitCode() != 0)
                result.problems.append(client->name() + u" did not verify: "_s + client->lines().join(u" | "_s));
        }
        if (m_server->terminate() != 0)
            result.problems.append(u"the server did not stop cleanly"_s);
        check(result);
        return result;
    }

private:
    void check(MixedRunResult &result)
    {
        const ServerState server = ServerState::read(m_server->storeFile());
        if (server.head != result.head)
            result.problems.append(u"head %1 in the file, %2 when joined"_s.arg(server.head).arg(result.head));
        QHash<QString, qint64> opsByDevice;
        QHash<qint64, QString> deviceBySeq;
        QSet<QString> seenOpIds;
        for (const ServerState::OpRow &op : server.ops) {
            ++opsByDevice[op.device];
            deviceBySeq.insert(op.seq, op.device);
            const QString key = op.device + u'|' + op.clientOpId;
            if (seenOpIds.contains(key))
                ++result.dup;
            seenOpIds.insert(key);
        }
        qint64 sharedIncrements = 0;
        bool converged = true;
        for (int i = 0; i < m_clientCount; ++i) {
            const QJsonObject client = readJson(path(u"client%1.json"_s.arg(i)));
            const QString name = u"client%1"_s.arg(i);
            if (client.isEmpty()) {
                result.problems.append(name + u" wrote no result"_s);
                converged = false;
                continue;
            }
            const QString device = client.value(u"device").toString();
            const qint64 acked = client.value(u"acked").toInteger();
            result.acked += acked;
            result.issued += client.value(u"issued").toInteger();
            result.casAcked += client.value(u"casAcked").toInteger();
            sharedIncrements += client.value(u"sharedIncrements").toInteger();
            for (const QJsonValue &error : client.value(u"errors").toArray())
                result.problems.append(name + u": "_s + error.toString());

            // Acknowledged writes: each store_seq holds this client's op.
            for (const QJsonValue &seq : client.value(u"ackedSeqs").toArray()) {
                if (deviceBySeq.value(seq.toInteger()) != device)
                    ++result.lost;
            }
            // Applied once: the server holds exactly as many ops of this
            // device as it acknowledged (rejected CAS writes write nothing).
            const qint64 applied = opsByDevice.value(device);
            if (applied > acked)
                result.dup += applied - acked;
            else if (applied < acked)
                result.lost += acked - applied;

            // Its own paths: the reference replay of its acknowledged writes.
            const QStringList own{u"c%1/"_s.arg(i), u"items/c%1_"_s.arg(i)};
            const QJsonObject reference = client.value(u"reference").toObject();
            const QJsonObject serverOwn = only(server.leaves, own);
            if (reference != serverOwn) {
                result.problems.append(name + u" reference differs from the server: "_s
                                       + differences(reference, serverOwn).join(u"; "_s));
                ++result.lost;
            }
            // Convergence: the client's copy is the server's state.
            const QJsonObject state = client.value(u"state").toObject();
            if (state != server.leaves) {
                converged = false;
                result.problems.append(name + u" copy differs from the server: "_s
                                       + differences(state, server.leaves).join(u"; "_s));
            }
            if (client.value(u"lastStoreSeq").toInteger() != server.head || client.value(u"pending").toInteger() != 0) {
                converged = false;
                result.problems.append(name + u" stopped at seq %1 with %2 pending"_s
                                       .arg(client.value(u"lastStoreSeq").toInteger())
                                       .arg(client.value(u"pending").toInteger()));
            }
            // The committed subscription: 1..head, each once, in order.
            const QJsonObject committed = client.value(u"committed").toObject();
            if (committed.value(u"first").toInteger() != 1 || committed.value(u"last").toInteger() != server.head
                || committed.value(u"count").toInteger() != server.head
                || committed.value(u"duplicates").toInteger() != 0 || committed.value(u"outOfOrder").toInteger() != 0
                || committed.value(u"gaps").toInteger() != 0) {
                converged = false;
                result.problems.append(name + u" committed subscription: "_s
                                       + QString::fromUtf8(QJsonDocument(committed).toJson(QJsonDocument::Compact)));
            }
            // The list model: what all() says.
            const QJsonObject model = client.value(u"model").toObject();
            if (!model.value(u"equal").toBool()) {
                converged = false;
                result.problems.append(name + u" list model differs from all(): "_s
                                       + QString::fromUtf8(QJsonDocument(model).toJson(QJsonDocument::Compact)));
            }
        }
        const qint64 total = server.leaves.value(u"shared/total").toInteger();
        if (total != sharedIncrements) {
            result.problems.append(u"shared/total is %1, %2 increments were acknowledged"_s.arg(total).arg(sharedIncrements));
            if (total > sharedIncrements)
                result.dup += total - sharedIncrements;
            else
                result.lost += sharedIncrements - total;
        }
        const qint64 cas = server.leaves.value(u"shared/cas").toInteger();
        if (cas != result.casAcked) {
            result.problems.append(u"shared/cas is %1, %2 compare-and-sets were acknowledged"_s.arg(cas).arg(result.casAcked));
            ++result.lost;
        }
        result.converged = converged;
    }

    QTemporaryDir m_dir;
    int m_clientCount;
    int m_heartbeatMs;
    quint16 m_port = 0;
    std::unique_ptr<DevServer> m_server;
    std::vector<std::unique_ptr<Child>> m_clients;
};

} // namespace Fault

#endif // MIXEDRUN_H
