#pragma once

// The designer's palette: the steps an operator can drag onto the canvas,
// built from the config (one entry per provider target, a balanced group,
// one nested-chain entry per other chain, cache, static). Each entry's
// drag payload is a small JSON object that stepFromPayload() turns into a
// Step with the defaults of its kind.

#include "config/Config.h"
#include "core/Result.h"

#include <QListWidget>

namespace understudy {

class StepPalette final : public QListWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StepPalette)

public:
    explicit StepPalette(QWidget *parent = nullptr);

    // Rebuilds the entries; `currentChain` gets no nested-chain entry.
    void setConfig(const Config &config, const QString &currentChain);

    QByteArray payloadAt(int row) const;
    // The row whose payload describes this kind (and provider/chain when given), or -1.
    int findEntry(StepKind kind, const QString &name = {}) const;

    static Result<Step> stepFromPayload(const QByteArray &payload);

signals:
    // Enter or double-click on an entry: append it to the chain.
    void entryActivated(const QByteArray &payload);

protected:
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QList<QListWidgetItem *> &items) const override;

private:
    void addEntry(const QString &text, const QString &toolTip, const QJsonObject &payload, StepKind kind);
};

} // namespace understudy
