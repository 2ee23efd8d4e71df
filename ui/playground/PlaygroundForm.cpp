#include "PlaygroundForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace understudy {

namespace {

enum KindPage { ChatPage = 0, RawPage = 1 };

QString routeLabel(const Route &route)
{
    const QString methods =
        route.match.methods.isEmpty() ? PlaygroundForm::tr("any") : route.match.methods.join(QLatin1Char(','));
    return PlaygroundForm::tr("%1  (%2 · %3 %4)").arg(route.name, routeKindName(route.kind), methods, route.match.path);
}

} // namespace

PlaygroundForm::PlaygroundForm(QWidget *parent)
    : QWidget(parent)
    , m_route(new QComboBox(this))
    , m_routeHint(new QLabel(this))
    , m_method(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_kindStack(new QStackedWidget(this))
    , m_body(new QPlainTextEdit(this))
    , m_headers(new QTableWidget(0, 2, this))
{
    m_route->setObjectName(QStringLiteral("playgroundRoute"));
    m_routeHint->setWordWrap(true);
    m_routeHint->setTextFormat(Qt::PlainText);
    m_method->setObjectName(QStringLiteral("playgroundMethod"));
    m_method->setEditable(true);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("PATCH"),
                        QStringLiteral("DELETE"), QStringLiteral("HEAD"), QStringLiteral("OPTIONS")});
    m_path->setObjectName(QStringLiteral("playgroundPath"));
    m_path->setPlaceholderText(tr("/path?query"));
    m_body->setObjectName(QStringLiteral("playgroundBody"));
    m_body->setPlaceholderText(tr("Request body (sent as is)"));

    m_kindStack->insertWidget(ChatPage, buildChatFields());
    m_kindStack->insertWidget(RawPage, m_body);

    m_headers->setObjectName(QStringLiteral("playgroundHeaders"));
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->hide();
    m_headers->setToolTip(tr("Extra request headers, for example to satisfy a step's header condition"));
    auto *addHeaderButton = new QPushButton(tr("Add header"), this);
    auto *removeHeaderButton = new QPushButton(tr("Remove"), this);
    connect(addHeaderButton, &QPushButton::clicked, this, [this] {
        addHeader({}, {});
        m_headers->editItem(m_headers->item(m_headers->rowCount() - 1, 0));
    });
    connect(removeHeaderButton, &QPushButton::clicked, this, [this] {
        const int row = m_headers->currentRow();
        if (row >= 0)
            m_headers->removeRow(row);
    });

    auto *top = new QFormLayout;
    top->addRow(tr("Route"), m_route);
    top->addRow(QString(), m_routeHint);
    top->addRow(tr("Method"), m_method);
    top->addRow(tr("Path"), m_path);
    auto *headerButtons = new QHBoxLayout;
    headerButtons->addWidget(addHeaderButton);
    headerButtons->addWidget(removeHeaderButton);
    headerButtons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_kindStack, 3);
    layout->addWidget(new QLabel(tr("Headers"), this));
    layout->addWidget(m_headers, 1);
    layout->addLayout(headerButtons);

    connect(m_route, &QComboBox::currentIndexChanged, this, &PlaygroundForm::onRouteIndexChanged);
    onRouteIndexChanged();
}

QWidget *PlaygroundForm::buildChatFields()
{
    auto *chat = new QWidget(this);
    m_model = new QComboBox(chat);
    m_model->setObjectName(QStringLiteral("playgroundModel"));
    m_model->setEditable(true);
    m_model->setToolTip(tr("The model the client asks for; steps without a model override send it upstream"));
    m_system = new QPlainTextEdit(chat);
    m_system->setObjectName(QStringLiteral("playgroundSystem"));
    m_system->setPlaceholderText(tr("Optional system prompt"));
    m_user = new QPlainTextEdit(chat);
    m_user->setObjectName(QStringLiteral("playgroundUser"));
    m_user->setPlaceholderText(tr("Ask something"));
    m_stream = new QCheckBox(tr("Stream the answer"), chat);
    m_stream->setObjectName(QStringLiteral("playgroundStream"));
    m_stream->setChecked(true);
    // The lowest value of each spin box means "leave it out of the request".
    m_temperature = new QDoubleSpinBox(chat);
    m_temperature->setObjectName(QStringLiteral("playgroundTemperature"));
    m_temperature->setRange(-0.1, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setDecimals(1);
    m_temperature->setSpecialValueText(tr("default"));
    m_temperature->setValue(-0.1);
    m_maxTokens = new QSpinBox(chat);
    m_maxTokens->setObjectName(QStringLiteral("playgroundMaxTokens"));
    m_maxTokens->setRange(0, 1000000);
    m_maxTokens->setSpecialValueText(tr("default"));
    m_maxTokens->setValue(0);

    auto *options = new QHBoxLayout;
    options->addWidget(m_stream);
    options->addStretch(1);
    options->addWidget(new QLabel(tr("Temperature"), chat));
    options->addWidget(m_temperature);
    options->addWidget(new QLabel(tr("Max tokens"), chat));
    options->addWidget(m_maxTokens);

    auto *form = new QFormLayout(chat);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("System"), m_system);
    form->addRow(tr("User"), m_user);
    form->addRow(options);
    m_system->setMaximumHeight(80);
    return chat;
}

void PlaygroundForm::setConfig(const ConfigSnapshot &config)
{
    const QString current = routeName();
    m_config = config;
    {
        const QSignalBlocker blocker(m_route);
        m_route->clear();
        if (config) {
            for (const Route &route : config->routes)
                m_route->addItem(routeLabel(route), route.name);
        }
        const int keep = m_route->findData(current);
        m_route->setCurrentIndex(keep >= 0 ? keep : (m_route->count() > 0 ? 0 : -1));
    }
    // The same route keeps what the user typed; only its hint and model
    // list follow the new config.
    onRouteIndexChanged();
}

bool PlaygroundForm::selectRoute(const QString &name)
{
    const int index = m_route->findData(name);
    if (index < 0)
        return false;
    m_route->setCurrentIndex(index);
    return true;
}

QString PlaygroundForm::routeName() const
{
    return m_route->currentData().toString();
}

const Route *PlaygroundForm::selectedRoute() const
{
    return m_config ? m_config->route(routeName()) : nullptr;
}

bool PlaygroundForm::isChat() const
{
    return m_kindStack->currentIndex() == ChatPage;
}

void PlaygroundForm::onRouteIndexChanged()
{
    const Route *route = selectedRoute();
    if (!route) {
        m_routeHint->setText(m_config ? tr("The config has no routes.") : tr("No config loaded."));
        m_kindStack->setCurrentIndex(RawPage);
        return;
    }
    fillFromRoute(*route);
    emit routeChanged(route->name);
}

void PlaygroundForm::fillFromRoute(const Route &route)
{
    const RoutePath path = requestPathFor(route);
    const bool chat = routeServesChat(route);
    const bool sameRoute = m_filledRoute == route.name;
    m_filledRoute = route.name;

    QString hint = tr("%1 route on chain \"%2\"").arg(routeKindName(route.kind), route.chain);
    if (!path.literal)
        hint +=
            QLatin1Char('\n') + tr("It matches the pattern %1: edit the path to one it matches.").arg(route.match.path);
    if (route.kind == RouteKind::Llm && !chat)
        hint += QLatin1Char('\n') + tr("Not a chat completions endpoint: the request is sent as typed.");
    m_routeHint->setText(hint);

    // Models follow the config even for the same route.
    const QString typedModel = m_model->currentText();
    m_model->clear();
    m_model->addItems(m_config ? reachableModels(*m_config, route) : QStringList());
    if (sameRoute && !typedModel.isEmpty())
        m_model->setCurrentText(typedModel);

    m_kindStack->setCurrentIndex(chat ? ChatPage : RawPage);
    m_method->setEnabled(!chat);
    if (sameRoute)
        return;
    m_method->setCurrentText(QString::fromLatin1(defaultMethodFor(route)));
    m_path->setText(path.path);
    m_headers->setRowCount(0);
    for (const Header &header : requiredHeadersFor(route))
        addHeader(header.name, header.value);
}

void PlaygroundForm::addHeader(const QString &name, const QString &value)
{
    const int row = m_headers->rowCount();
    m_headers->insertRow(row);
    m_headers->setItem(row, 0, new QTableWidgetItem(name));
    m_headers->setItem(row, 1, new QTableWidgetItem(value));
}

PlaygroundRequest PlaygroundForm::request() const
{
    PlaygroundRequest request;
    request.path = m_path->text().trimmed();
    if (!request.path.startsWith(u'/'))
        request.path.prepend(u'/');
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem *name = m_headers->item(row, 0);
        const QTableWidgetItem *value = m_headers->item(row, 1);
        if (name && !name->text().trimmed().isEmpty())
            request.headers.push_back({name->text().trimmed(), value ? value->text() : QString()});
    }
    if (!isChat()) {
        request.method = m_method->currentText().trimmed().toUpper().toLatin1();
        request.body = m_body->toPlainText().toUtf8();
        return request;
    }
    ChatFields fields;
    fields.model = m_model->currentText().trimmed();
    fields.system = m_system->toPlainText();
    fields.user = m_user->toPlainText();
    fields.stream = m_stream->isChecked();
    if (m_temperature->value() >= 0.0)
        fields.temperature = m_temperature->value();
    if (m_maxTokens->value() > 0)
        fields.maxTokens = m_maxTokens->value();
    request.method = QByteArrayLiteral("POST");
    request.body = chatBody(fields);
    request.stream = fields.stream;
    request.chat = true;
    // First, so a Content-Type typed in the table wins.
    request.headers.insert(request.headers.begin(),
                           {QStringLiteral("Content-Type"), QStringLiteral("application/json")});
    return request;
}

} // namespace understudy
