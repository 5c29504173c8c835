// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#include "dustoverlaymodel_p.h"

namespace Dust {

namespace {

bool sameLeaf(const Leaf &a, const Leaf &b)
{
    return a == b && a.syncedAt == b.syncedAt;
}

} // namespace

void OverlayModel::reset(const Path &root)
{
    // The descendants of `key` are [key + "/", key + "0"): '0' follows '/'.
    const QByteArray key = root.key();
    if (const auto exact = m_over.find(QByteArrayView(key)); exact != m_over.end())
        m_over.erase(exact);
    m_over.erase(m_over.lower_bound(QByteArrayView(key + '/')), m_over.lower_bound(QByteArrayView(key + '0')));
}

void OverlayModel::assign(const Path &root, const ValueModel &region)
{
    reset(root);
    // Both lists are in key order: merge them, keeping what differs.
    const QList<LeafChange> below = m_base->subtree(root);
    const QList<LeafChange> wanted = region.subtree(root);
    auto b = below.cbegin();
    auto w = wanted.cbegin();
    while (b != below.cend() || w != wanted.cend()) {
        if (w == wanted.cend() || (b != below.cend() && b->key < w->key)) {
            ValueModel::put(m_over, b->key, std::nullopt);
            ++b;
        } else if (b == below.cend() || w->key < b->key) {
            ValueModel::put(m_over, w->key, w->leaf);
            ++w;
        } else {
            if (!sameLeaf(*b->leaf, *w->leaf))
                ValueModel::put(m_over, w->key, w->leaf);
            ++b;
            ++w;
        }
    }
}

} // namespace Dust
