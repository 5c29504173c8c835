// Copyright (C) 2026 The DustQt Authors.
// SPDX-License-Identifier: MIT

#ifndef DUSTOVERLAYMODEL_P_H
#define DUSTOVERLAYMODEL_P_H

#include <dustprivateapi_p.h>

//
//  W A R N I N G
//  -------------
//
// This file is not part of the DustQt API. It may change without notice.
//

#include <dustvaluemodel.h>

namespace Dust {

// A ValueModel seen through an overlay: leaves and removals laid over the
// model's own leaves for a few subtrees. A client's visible state is its
// confirmed model with its pending writes as the overlay, so the data is
// kept once; with nothing pending the overlay is empty and reads go to the
// model alone.
//
// The caller keeps the overlay in step: after changing the base under an
// overlaid subtree it assigns that subtree again. Not thread-safe, like the
// model it reads.
class DUST_CORE_EXPORT OverlayModel : public LeafReads<OverlayModel>
{
public:
    explicit OverlayModel(const ValueModel &base) : m_base(&base) { }

    bool isEmpty() const { return m_over.empty(); }
    // How many leaves and removals the overlay holds.
    qsizetype overlaySize() const { return qsizetype(m_over.size()); }
    void clear() { m_over.clear(); }
    // Drops the overlay at and below `root`: the base shows through there.
    void reset(const Path &root);
    // Makes the view at and below `root` read as `region` does there,
    // keeping only the leaves that differ from the base and a removal for
    // each base leaf `region` lacks.
    void assign(const Path &root, const ValueModel &region);

private:
    friend class LeafReads<OverlayModel>;
    using Reader = ValueModel;
    ValueModel::Layers layers() const { return {m_base->m_leaves, &m_over}; }

    const ValueModel *m_base;
    ValueModel::LeafSet m_over;
};

} // namespace Dust

#endif // DUSTOVERLAYMODEL_P_H
