#include "ConsolePages.h"

#include "ConfigTableModels.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace understudy {

namespace {

QLabel *titleLabel(const QString &title, QWidget *parent)
{
    auto *label = new QLabel(title, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    label->setAccessibleName(title);
    return label;
}

QLabel *explanationLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

const QString kKeepInTrayKey = QStringLiteral("tray/keepGatewayRunning");

} // namespace

PlaceholderPage::PlaceholderPage(const QString &title, const QString &explanation, const QIcon &icon, QWidget *parent)
    : QWidget(parent), m_live(new QLabel(this))
{
    setAccessibleName(title);

    m_live->setObjectName(QStringLiteral("liveText"));
    m_live->setAlignment(Qt::AlignCenter);
    m_live->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont liveFont = m_live->font();
    liveFont.setPointSizeF(liveFont.pointSizeF() * 1.2);
    m_live->setFont(liveFont);
    m_live->hide();

    auto *picture = new QLabel(this);
    picture->setPixmap(icon.pixmap(QSize(72, 72), devicePixelRatio(), QIcon::Disabled));
    picture->setAlignment(Qt::AlignCenter);
    auto *text = explanationLabel(explanation, this);
    text->setAlignment(Qt::AlignCenter);
    text->setContentsMargins(96, 0, 96, 0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->addWidget(titleLabel(title, this));
    layout->addStretch(2);
    layout->addWidget(picture);
    layout->addSpacing(12);
    layout->addWidget(text);
    layout->addSpacing(16);
    layout->addWidget(m_live);
    layout->addStretch(3);
}

void PlaceholderPage::setLiveText(const QString &text)
{
    m_live->setText(text);
    m_live->setAccessibleName(text);
    m_live->setVisible(!text.isEmpty());
}

QString PlaceholderPage::liveText() const
{
    return m_live->text();
}

SettingsPage::SettingsPage(bool trayAvailable, QWidget *parent)
    : QWidget(parent), m_tray(new QCheckBox(tr("&Keep the gateway running in the tray when the window closes"), this))
{
    setAccessibleName(tr("Settings"));
    m_tray->setObjectName(QStringLiteral("keepInTray"));
    m_tray->setChecked(keepRunningInTray());
    m_tray->setEnabled(trayAvailable);
    connect(m_tray, &QCheckBox::toggled, this, &SettingsPage::setKeepRunningInTray);

    auto *trayNote = explanationLabel(
        trayAvailable ? tr("Closing the window then only hides it; use Quit in the File menu or the tray menu to "
                           "stop the gateway and leave.")
                      : tr("This desktop has no system tray, so closing the window always stops the gateway."),
        this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->addWidget(titleLabel(tr("Settings"), this));
    layout->addSpacing(12);
    layout->addWidget(m_tray);
    layout->addWidget(trayNote);
    layout->addSpacing(24);
    layout->addWidget(
        explanationLabel(tr("Listener, admin API and retention settings arrive with the gateway settings work; "
                            "until then they are edited in the workspace config (File ▸ Import Config JSON…)."),
                         this));
    layout->addStretch(1);
}

bool SettingsPage::keepRunningInTray()
{
    return QSettings().value(kKeepInTrayKey, false).toBool();
}

void SettingsPage::setKeepRunningInTray(bool keep)
{
    QSettings().setValue(kKeepInTrayKey, keep);
}

ConfigListPage::ConfigListPage(const QString &title, const QString &explanation, ConfigTableModel *model,
                               QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_stack(new QStackedWidget(this))
    , m_status(new QLabel(tr("Opening workspace…"), this))
    , m_view(new QTableView(this))
{
    setAccessibleName(title);
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setForegroundRole(QPalette::PlaceholderText);

    m_view->setModel(model);
    m_view->setAccessibleName(title);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 12);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_stack->addWidget(m_status);
    m_stack->addWidget(m_view);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 20);
    layout->addWidget(titleLabel(title, this));
    layout->addWidget(explanationLabel(explanation, this));
    layout->addSpacing(8);
    layout->addWidget(m_stack, 1);

    connect(model, &QAbstractItemModel::modelReset, this, &ConfigListPage::showTableWhenLoaded);
}

void ConfigListPage::setStatusText(const QString &text)
{
    m_status->setText(text);
    if (!m_model->config())
        m_stack->setCurrentWidget(m_status);
}

void ConfigListPage::showTableWhenLoaded()
{
    if (!m_model->config()) {
        m_stack->setCurrentWidget(m_status);
        return;
    }
    m_stack->setCurrentWidget(m_view);
    // Short columns fit their content; the last one takes the rest and
    // elides, so the table never scrolls sideways for a long description.
    constexpr int kMaxColumnWidth = 420;
    for (int column = 0; column + 1 < m_model->columnCount(); ++column) {
        m_view->resizeColumnToContents(column);
        m_view->setColumnWidth(column, std::min(m_view->columnWidth(column) + 16, kMaxColumnWidth));
    }
}

} // namespace understudy
