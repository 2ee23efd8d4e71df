#include "designer/StepPalette.h"

#include "designer/ChainDesignerScene.h"
#include "designer/ChainEdits.h"
#include "designer/StepCardItem.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QPainter>

namespace understudy {

namespace {

constexpr int kPayloadRole = Qt::UserRole + 1;
constexpr int kKindRole = Qt::UserRole + 2;
constexpr int kNameRole = Qt::UserRole + 3;

QIcon kindIcon(StepKind kind)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(StepCardItem::kindColor(kind));
    painter.drawRoundedRect(QRectF(1, 1, 14, 14), 4, 4);
    return QIcon(pixmap);
}

QJsonObject targetJson(const QString &provider, const QString &model)
{
    return QJsonObject{{QStringLiteral("provider"), provider}, {QStringLiteral("model"), model}};
}

} // namespace

StepPalette::StepPalette(QWidget *parent) : QListWidget(parent)
{
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setUniformItemSizes(true);
    setAccessibleName(tr("Step palette"));
    setToolTip(tr("Drag a step onto the chain, or double-click to append it"));
    connect(this, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit entryActivated(item->data(kPayloadRole).toByteArray()); });
}

void StepPalette::addEntry(const QString &text, const QString &toolTip, const QJsonObject &payload, StepKind kind)
{
    auto *item = new QListWidgetItem(kindIcon(kind), text, this);
    item->setToolTip(toolTip);
    item->setData(kPayloadRole, QJsonDocument(payload).toJson(QJsonDocument::Compact));
    item->setData(kKindRole, int(kind));
    item->setData(kNameRole, payload.value(QStringLiteral("name")).toString());
}

void StepPalette::setConfig(const Config &config, const QString &currentChain)
{
    clear();
    QJsonArray groupTargets;
    for (const Provider &provider : config.providers) {
        QStringList models;
        for (const ModelInfo &model : provider.models)
            models << model.name;
        if (models.isEmpty())
            models << QString();
        for (const QString &model : models) {
            QJsonObject payload{{QStringLiteral("kind"), QStringLiteral("provider")},
                                {QStringLiteral("name"), provider.name}};
            payload.insert(QStringLiteral("target"), targetJson(provider.name, model));
            addEntry(model.isEmpty() ? provider.name : provider.name + QStringLiteral(" / ") + model,
                     tr("Provider step: send to %1").arg(provider.name), payload, StepKind::Provider);
        }
        groupTargets.append(targetJson(provider.name, models.front()));
    }
    if (!groupTargets.isEmpty()) {
        addEntry(
            tr("Group of all providers"), tr("Group step: balances every provider by weight"),
            QJsonObject{{QStringLiteral("kind"), QStringLiteral("group")}, {QStringLiteral("targets"), groupTargets}},
            StepKind::Group);
    }
    for (const Chain &chain : config.chains) {
        if (chain.name == currentChain)
            continue;
        addEntry(tr("Nested chain: %1").arg(chain.name), tr("Chain step: runs chain %1 here").arg(chain.name),
                 QJsonObject{{QStringLiteral("kind"), QStringLiteral("chain")}, {QStringLiteral("name"), chain.name}},
                 StepKind::Chain);
    }
    addEntry(tr("Cache"), tr("Cache step: answers with the last good response for the same request"),
             QJsonObject{{QStringLiteral("kind"), QStringLiteral("cache")}}, StepKind::Cache);
    addEntry(tr("Static answer"), tr("Static step: a canned, degraded answer"),
             QJsonObject{{QStringLiteral("kind"), QStringLiteral("static")}}, StepKind::Static);
}

QByteArray StepPalette::payloadAt(int row) const
{
    const QListWidgetItem *entry = item(row);
    return entry ? entry->data(kPayloadRole).toByteArray() : QByteArray();
}

int StepPalette::findEntry(StepKind kind, const QString &name) const
{
    for (int row = 0; row < count(); ++row) {
        const QListWidgetItem *entry = item(row);
        if (entry->data(kKindRole).toInt() == int(kind) && (name.isEmpty() || entry->data(kNameRole) == name))
            return row;
    }
    return -1;
}

QStringList StepPalette::mimeTypes() const
{
    return {ChainDesignerScene::paletteMimeType()};
}

QMimeData *StepPalette::mimeData(const QList<QListWidgetItem *> &items) const
{
    if (items.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(ChainDesignerScene::paletteMimeType(), items.front()->data(kPayloadRole).toByteArray());
    data->setText(items.front()->text());
    return data;
}

Result<Step> StepPalette::stepFromPayload(const QByteArray &payload)
{
    const QJsonObject object = QJsonDocument::fromJson(payload).object();
    const auto kind = stepKindFromName(object.value(QStringLiteral("kind")).toString());
    if (!kind)
        return Error{QStringLiteral("invalid_payload"), tr("The dropped item is not a chain step.")};
    auto target = [](const QJsonObject &t) {
        return Target{
            t.value(QStringLiteral("provider")).toString(), t.value(QStringLiteral("model")).toString(), 1, {}};
    };
    switch (*kind) {
    case StepKind::Provider: {
        const Target t = target(object.value(QStringLiteral("target")).toObject());
        return designer::newProviderStep(t.provider, t.model);
    }
    case StepKind::Group: {
        std::vector<Target> targets;
        for (const QJsonValue &value : object.value(QStringLiteral("targets")).toArray())
            targets.push_back(target(value.toObject()));
        return designer::newGroupStep(targets);
    }
    case StepKind::Chain:
        return designer::newChainStep(object.value(QStringLiteral("name")).toString());
    case StepKind::Cache:
        return designer::newCacheStep();
    case StepKind::Static:
        return designer::newStaticStep();
    }
    return Error{QStringLiteral("invalid_payload"), tr("The dropped item is not a chain step.")};
}

} // namespace understudy
