// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTSERVERSTATUS_H
#define DUSTSERVERSTATUS_H

#include <dustglobal.h>

#include <QtCore/qjsonobject.h>
#include <QtCore/qmetatype.h>

namespace Dust {

/*!
    The server's view of one store, as its `status` reply gives it
    (protocol §3.4), from Store::serverStatus(). Unlike Store::lastStoreSeq(),
    which is what this client has applied, `storeSeq` is the server's head at
    the moment it answered.

    \code
    site->serverStatus().then(this, [](Dust::Result<Dust::ServerStatus> status) {
        if (status)
            qDebug() << status->entryCount << "entries at store_seq" << status->storeSeq;
    });
    \endcode
*/
struct ServerStatus
{
    qint64 storeSeq = 0;          ///< `current_seq`: the last committed store_seq
    qint64 entryCount = 0;        ///< stored leaves
    qint64 opCount = 0;           ///< ops in the server's log
    qint64 fileStorageBytes = 0;  ///< bytes of the files the store holds
    QJsonObject reply;            ///< the whole reply (permissions, scopes, recent_ops, ...)
};

} // namespace Dust

Q_DECLARE_METATYPE(Dust::ServerStatus)

#endif // DUSTSERVERSTATUS_H
