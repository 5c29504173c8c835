// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef TESTRECORDS_H
#define TESTRECORDS_H

#include <QtCore/qdatetime.h>
#include <QtCore/qobject.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qvariantmap.h>

// The record types of dustlayer_ecto's test suite (dust-ecto §8), as gadgets.

// Flat links: title, url, note, added_at (the upstream Link schema).
struct Link
{
    Q_GADGET
    Q_PROPERTY(QString slug MEMBER slug)
    Q_PROPERTY(QString title MEMBER title)
    Q_PROPERTY(QString url MEMBER url)
    Q_PROPERTY(QString note MEMBER note)
    Q_PROPERTY(QDateTime added_at MEMBER addedAt)
public:
    QString slug;
    QString title;
    QString url;
    QString note;
    QDateTime addedAt;

    friend bool operator==(const Link &a, const Link &b)
    {
        return a.slug == b.slug && a.title == b.title && a.url == b.url && a.note == b.note
            && a.addedAt == b.addedAt;
    }
};

// Every field type.
struct Thing
{
    Q_GADGET
    Q_PROPERTY(QString slug MEMBER slug)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(int count MEMBER count)
    Q_PROPERTY(qint64 big MEMBER big)
    Q_PROPERTY(double score MEMBER score)
    Q_PROPERTY(bool done MEMBER done)
    Q_PROPERTY(QDateTime when MEMBER when)
    Q_PROPERTY(QVariantMap meta MEMBER meta)
    Q_PROPERTY(QStringList tags MEMBER tags)
public:
    QString slug;
    QString name;
    int count = 0;
    qint64 big = 0;
    double score = 0;
    bool done = false;
    QDateTime when;
    QVariantMap meta;
    QStringList tags;
};

// A schema whose only field is the slug: nothing to write.
struct OnlySlug
{
    Q_GADGET
    Q_PROPERTY(QString slug MEMBER slug)
public:
    QString slug;
};

// One field besides the slug: a flat insert is one write.
struct Note
{
    Q_GADGET
    Q_PROPERTY(QString slug MEMBER slug)
    Q_PROPERTY(QString text MEMBER text)
public:
    QString slug;
    QString text;
};

struct NoSlug
{
    Q_GADGET
    Q_PROPERTY(QString title MEMBER title)
public:
    QString title;
};

struct IntSlug
{
    Q_GADGET
    Q_PROPERTY(int slug MEMBER slug)
public:
    int slug = 0;
};

struct Unsupported
{
    Q_GADGET
    Q_PROPERTY(QString slug MEMBER slug)
    Q_PROPERTY(QByteArray blob MEMBER blob)
public:
    QString slug;
    QByteArray blob;
};

struct ReadOnly
{
    Q_GADGET
    Q_PROPERTY(QString slug MEMBER slug)
    Q_PROPERTY(QString title READ title)
public:
    QString slug;
    QString title() const { return {}; }
};

#endif // TESTRECORDS_H
