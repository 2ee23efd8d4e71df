#include "editors/ProvidersEditorPage.h"

#include "editors/ConnectionTester.h"
#include "editors/EditorModels.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableView>

namespace understudy {

namespace {

constexpr ProviderKind kKinds[] = {ProviderKind::OpenAI,           ProviderKind::Anthropic, ProviderKind::Gemini,
                                   ProviderKind::OpenAICompatible, ProviderKind::Http,      ProviderKind::Mock};
constexpr MockFault kFaults[] = {
    MockFault::None,           MockFault::ErrorStatus,    MockFault::ResetBeforeHeaders, MockFault::NoResponse,
    MockFault::SlowFirstToken, MockFault::CutAfterEvents, MockFault::StallAfterEvents,   MockFault::MalformedEvent,
    MockFault::MissingDone,    MockFault::ContextLength,  MockFault::ContentPolicy,      MockFault::Flapping};
enum CredentialKind { NoCredential, EnvCredential, KeychainCredential };

const QString kEnv = QStringLiteral("env:");
const QString kKeychain = QStringLiteral("keychain:");

void setTextIfChanged(QLineEdit *edit, const QString &text)
{
    if (edit->text() != text)
        edit->setText(text);
}

QSpinBox *spinBox(int min, int max, const QString &suffix, const QString &accessibleName)
{
    auto *spin = new QSpinBox;
    spin->setRange(min, max);
    spin->setSuffix(suffix);
    spin->setAccessibleName(accessibleName);
    spin->setKeyboardTracking(true);
    return spin;
}

// A table with Add/Remove buttons under it.
QWidget *tableWithButtons(QTableView *table, const QString &what, const std::function<void()> &add,
                          const std::function<void()> &remove, QObject *context)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table);
    auto *buttons = new QHBoxLayout;
    auto *addButton = new QPushButton(QObject::tr("Add %1").arg(what));
    auto *removeButton = new QPushButton(QObject::tr("Remove %1").arg(what));
    addButton->setAccessibleName(QObject::tr("Add %1").arg(what));
    removeButton->setAccessibleName(QObject::tr("Remove selected %1").arg(what));
    QObject::connect(addButton, &QPushButton::clicked, context, add);
    QObject::connect(removeButton, &QPushButton::clicked, context, remove);
    buttons->addWidget(addButton);
    buttons->addWidget(removeButton);
    buttons->addStretch();
    layout->addLayout(buttons);
    return box;
}

} // namespace

ProvidersEditorPage::ProvidersEditorPage(QWidget *parent)
    : NamedListPage(&Config::providers,
                    Texts{QStringLiteral("providers"), QStringLiteral("provider"), tr("provider"), tr("Providers"),
                          tr("Providers")},
                    parent)
    , m_models(new ModelCatalogModel(this))
    , m_headers(new HeaderTableModel(this))
    , m_tester(new ConnectionTester(this))
{
    setAccessibleName(tr("Providers editor"));
    buildPage(buildForm());
    setNameEdit(m_name);

    // An activated issue selects the provider it is about.
    connect(issueList(), &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString path = item->data(Qt::UserRole).toString();
        for (int i = 0; i < itemCount(); ++i) {
            if (path.startsWith(itemPath(section(), itemName(i), i)))
                selectProvider(i);
        }
    });

    connect(m_tester, &ConnectionTester::finished, this, &ProvidersEditorPage::onVerdict);
    refresh();
}

QWidget *ProvidersEditorPage::buildForm()
{
    m_form = new QWidget;
    auto *layout = new QVBoxLayout(m_form);

    // ---- identity and credential
    auto *general = new QGroupBox(tr("Provider"));
    auto *form = new QFormLayout(general);
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("providerName"));
    m_name->setAccessibleName(tr("Provider name"));
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("providerKind"));
    m_kind->setAccessibleName(tr("Provider kind"));
    for (ProviderKind kind : kKinds)
        m_kind->addItem(providerKindName(kind), int(kind));
    m_baseUrl = new QLineEdit;
    m_baseUrl->setObjectName(QStringLiteral("baseUrl"));
    m_baseUrl->setAccessibleName(tr("Base URL"));
    m_baseUrl->setPlaceholderText(QStringLiteral("https://api.example.com/v1"));
    m_credentialKind = new QComboBox;
    m_credentialKind->setAccessibleName(tr("Credential source"));
    m_credentialKind->addItem(tr("None"));
    m_credentialKind->addItem(tr("Environment variable"));
    m_credentialKind->addItem(tr("OS keychain entry"));
    m_credential = new QLineEdit;
    m_credential->setObjectName(QStringLiteral("credential"));
    m_credential->setAccessibleName(tr("Credential reference name"));
    m_credential->setToolTip(tr("The name of the variable or keychain entry; the secret itself is never stored here"));
    auto *credentialRow = new QHBoxLayout;
    credentialRow->addWidget(m_credentialKind);
    credentialRow->addWidget(m_credential, 1);
    auto *credentialBox = new QWidget;
    credentialBox->setLayout(credentialRow);
    credentialRow->setContentsMargins(0, 0, 0, 0);
    m_testButton = new QPushButton(tr("Test connection"));
    m_testButton->setAccessibleName(tr("Test connection"));
    m_testResult = new QLabel;
    m_testResult->setAccessibleName(tr("Connection test result"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton);
    testRow->addWidget(m_testResult, 1);
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Kind"), m_kind);
    form->addRow(tr("&Base URL"), m_baseUrl);
    form->addRow(tr("&Credentials"), credentialBox);
    form->addRow(QString(), testRow);
    layout->addWidget(general);

    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        editSelected(tr("Rename provider"), QStringLiteral("name"), [&](Provider &p) { p.name = text.trimmed(); });
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int) {
        const auto kind = ProviderKind(m_kind->currentData().toInt());
        editSelected(tr("Change provider kind"), QStringLiteral("kind"), [&](Provider &p) { p.kind = kind; });
    });
    connect(m_baseUrl, &QLineEdit::textEdited, this, [this](const QString &text) {
        editSelected(tr("Edit base URL"), QStringLiteral("base_url"), [&](Provider &p) { p.baseUrl = text.trimmed(); });
    });
    auto editCredential = [this] {
        const QString reference = credentialFromForm();
        m_credential->setEnabled(m_credentialKind->currentIndex() != NoCredential);
        editSelected(tr("Edit credentials"), QStringLiteral("credentials"),
                     [&](Provider &p) { p.credentials = reference; });
    };
    connect(m_credentialKind, &QComboBox::currentIndexChanged, this, editCredential);
    connect(m_credential, &QLineEdit::textEdited, this, editCredential);
    connect(m_testButton, &QPushButton::clicked, this, &ProvidersEditorPage::testConnection);

    // ---- default headers
    auto *headersGroup = new QGroupBox(tr("Default headers"));
    auto *headersLayout = new QVBoxLayout(headersGroup);
    m_headerTable = new QTableView;
    m_headerTable->setModel(m_headers);
    m_headerTable->setAccessibleName(tr("Default headers"));
    m_headerTable->horizontalHeader()->setStretchLastSection(true);
    // Header names such as "OpenAI-Organization" stay on one line.
    m_headerTable->horizontalHeader()->setDefaultSectionSize(
        m_headerTable->fontMetrics().horizontalAdvance(QStringLiteral("Anthropic-Version-Header")) + 16);
    m_headerTable->setWordWrap(false);
    m_headerTable->verticalHeader()->setDefaultSectionSize(m_headerTable->fontMetrics().height() + 10);
    m_headerTable->verticalHeader()->hide();
    m_headerTable->setMinimumHeight(80);
    m_headerTable->setMaximumHeight(120);
    headersLayout->addWidget(tableWithButtons(
        m_headerTable, tr("header"),
        [this] {
            editSelected(tr("Add header"), {}, [](Provider &p) {
                p.headers.push_back({QStringLiteral("X-Header"), {}});
            });
        },
        [this] {
            const int row = m_headerTable->currentIndex().row();
            editSelected(tr("Remove header"), {}, [row](Provider &p) {
                if (row >= 0 && row < int(p.headers.size()))
                    p.headers.erase(p.headers.begin() + row);
            });
        },
        this));
    connect(m_headers, &HeaderTableModel::rowsEdited, this, [this](const QString &field) {
        const auto rows = m_headers->rows();
        editSelected(tr("Edit header"), QStringLiteral("headers.") + field, [&](Provider &p) { p.headers = rows; });
    });
    layout->addWidget(headersGroup);

    // ---- pool, TLS, proxy
    auto *pool = new QGroupBox(tr("Connections and TLS"));
    auto *poolForm = new QFormLayout(pool);
    m_maxConnections = spinBox(0, 100000, QString(), tr("Maximum connections"));
    m_maxIdle = spinBox(0, 100000, QString(), tr("Maximum idle connections"));
    m_idleTimeout = spinBox(0, 3600000, tr(" ms"), tr("Idle timeout"));
    m_verifyTls = new QCheckBox(tr("Verify the server certificate"));
    m_verifyTls->setAccessibleName(tr("Verify TLS"));
    m_caFile = new QLineEdit;
    m_caFile->setAccessibleName(tr("Custom CA file"));
    m_caFile->setPlaceholderText(tr("optional PEM bundle"));
    m_proxy = new QLineEdit;
    m_proxy->setAccessibleName(tr("Proxy"));
    m_proxy->setPlaceholderText(QStringLiteral("http://proxy.example:3128"));
    poolForm->addRow(tr("Max connections"), m_maxConnections);
    poolForm->addRow(tr("Max idle"), m_maxIdle);
    poolForm->addRow(tr("Idle timeout"), m_idleTimeout);
    poolForm->addRow(QString(), m_verifyTls);
    poolForm->addRow(tr("Custom CA"), m_caFile);
    poolForm->addRow(tr("Proxy"), m_proxy);
    layout->addWidget(pool);

    auto spinEdit = [this](QSpinBox *spin, const QString &field, int ConnectionLimits::*member) {
        connect(spin, &QSpinBox::valueChanged, this, [this, field, member](int value) {
            editSelected(tr("Edit %1").arg(field), field, [&](Provider &p) { p.limits.*member = value; });
        });
    };
    spinEdit(m_maxConnections, QStringLiteral("max_connections"), &ConnectionLimits::maxConnections);
    spinEdit(m_maxIdle, QStringLiteral("max_idle"), &ConnectionLimits::maxIdle);
    spinEdit(m_idleTimeout, QStringLiteral("idle_timeout_ms"), &ConnectionLimits::idleTimeoutMs);
    connect(m_verifyTls, &QCheckBox::toggled, this, [this](bool on) {
        editSelected(tr("Edit TLS verification"), QStringLiteral("verify"),
                     [&](Provider &p) { p.tls.verifyPeer = on; });
    });
    connect(m_caFile, &QLineEdit::textEdited, this, [this](const QString &text) {
        editSelected(tr("Edit CA file"), QStringLiteral("ca"), [&](Provider &p) { p.tls.caFile = text.trimmed(); });
    });
    connect(m_proxy, &QLineEdit::textEdited, this, [this](const QString &text) {
        editSelected(tr("Edit proxy"), QStringLiteral("proxy"), [&](Provider &p) { p.proxy = text.trimmed(); });
    });

    // ---- model catalogue
    auto *catalogue = new QGroupBox(tr("Model catalogue"));
    auto *catalogueLayout = new QVBoxLayout(catalogue);
    m_modelTable = new QTableView;
    m_modelTable->setModel(m_models);
    m_modelTable->setAccessibleName(tr("Model catalogue"));
    m_modelTable->verticalHeader()->hide();
    m_modelTable->verticalHeader()->setDefaultSectionSize(m_modelTable->fontMetrics().height() + 10);
    m_modelTable->horizontalHeader()->setDefaultSectionSize(64);
    m_modelTable->horizontalHeader()->setSectionResizeMode(ModelCatalogModel::Name, QHeaderView::Stretch);
    m_modelTable->setMinimumHeight(88);
    catalogueLayout->addWidget(tableWithButtons(
        m_modelTable, tr("model"),
        [this] {
            editSelected(tr("Add model"), {}, [](Provider &p) {
                ModelInfo model;
                model.name = QStringLiteral("model-%1").arg(p.models.size() + 1);
                p.models.push_back(model);
            });
        },
        [this] {
            const int row = m_modelTable->currentIndex().row();
            editSelected(tr("Remove model"), {}, [row](Provider &p) {
                if (row >= 0 && row < int(p.models.size()))
                    p.models.erase(p.models.begin() + row);
            });
        },
        this));
    connect(m_models, &ModelCatalogModel::rowsEdited, this, [this](const QString &field) {
        const auto rows = m_models->rows();
        editSelected(tr("Edit model %1").arg(field), QStringLiteral("models.") + field,
                     [&](Provider &p) { p.models = rows; });
    });
    layout->addWidget(catalogue);

    // ---- mock knobs
    m_mockGroup = new QGroupBox(tr("Mock behaviour"));
    auto *mockForm = new QFormLayout(m_mockGroup);
    m_mockLatency = spinBox(0, 600000, tr(" ms"), tr("Mock latency"));
    m_mockTokens = new QDoubleSpinBox;
    m_mockTokens->setRange(0, 100000);
    m_mockTokens->setDecimals(1);
    m_mockTokens->setSuffix(tr(" tokens/s"));
    m_mockTokens->setAccessibleName(tr("Mock tokens per second"));
    m_mockAnswer = new QLineEdit;
    m_mockAnswer->setAccessibleName(tr("Mock answer text"));
    m_mockAnswer->setPlaceholderText(tr("empty: a generated answer naming the model"));
    m_mockFault = new QComboBox;
    m_mockFault->setAccessibleName(tr("Mock fault"));
    for (MockFault fault : kFaults)
        m_mockFault->addItem(mockFaultName(fault), int(fault));
    m_mockStatus = spinBox(0, 999, QString(), tr("Mock error status"));
    mockForm->addRow(tr("Latency"), m_mockLatency);
    mockForm->addRow(tr("Speed"), m_mockTokens);
    mockForm->addRow(tr("Answer"), m_mockAnswer);
    mockForm->addRow(tr("Fault"), m_mockFault);
    mockForm->addRow(tr("Error status"), m_mockStatus);
    layout->addWidget(m_mockGroup);
    layout->addStretch();

    connect(m_mockLatency, &QSpinBox::valueChanged, this, [this](int v) {
        editSelected(tr("Edit mock latency"), QStringLiteral("mock.latency"),
                     [&](Provider &p) { p.mock.latencyMs = v; });
    });
    connect(m_mockTokens, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        editSelected(tr("Edit mock speed"), QStringLiteral("mock.tps"),
                     [&](Provider &p) { p.mock.tokensPerSecond = v; });
    });
    connect(m_mockAnswer, &QLineEdit::textEdited, this, [this](const QString &text) {
        editSelected(tr("Edit mock answer"), QStringLiteral("mock.answer"), [&](Provider &p) { p.mock.answer = text; });
    });
    connect(m_mockFault, &QComboBox::currentIndexChanged, this, [this](int) {
        const auto fault = MockFault(m_mockFault->currentData().toInt());
        editSelected(tr("Edit mock fault"), QStringLiteral("mock.fault"), [&](Provider &p) { p.mock.fault = fault; });
    });
    connect(m_mockStatus, &QSpinBox::valueChanged, this, [this](int v) {
        editSelected(tr("Edit mock status"), QStringLiteral("mock.status"), [&](Provider &p) { p.mock.status = v; });
    });

    m_fieldIssues.add(QStringLiteral(".name"), m_name);
    m_fieldIssues.add(QStringLiteral(".kind"), m_kind);
    m_fieldIssues.add(QStringLiteral(".base_url"), m_baseUrl);
    m_fieldIssues.add(QStringLiteral(".credentials"), m_credential);
    m_fieldIssues.add(QStringLiteral(".headers"), m_headerTable);
    m_fieldIssues.add(QStringLiteral(".limits.max_connections"), m_maxConnections);
    m_fieldIssues.add(QStringLiteral(".limits.max_idle"), m_maxIdle);
    m_fieldIssues.add(QStringLiteral(".limits.idle_timeout_ms"), m_idleTimeout);
    m_fieldIssues.add(QStringLiteral(".tls"), m_caFile);
    m_fieldIssues.add(QStringLiteral(".proxy"), m_proxy);
    m_fieldIssues.add(QStringLiteral(".models"), m_modelTable);
    m_fieldIssues.add(QStringLiteral(".mock"), m_mockGroup);
    m_fieldIssues.add(QStringLiteral(".mock.latency_ms"), m_mockLatency);
    m_fieldIssues.add(QStringLiteral(".mock.tokens_per_second"), m_mockTokens);
    m_fieldIssues.add(QStringLiteral(".mock.status"), m_mockStatus);
    return m_form;
}

void ProvidersEditorPage::selectionChanged()
{
    m_testResult->clear(); // the verdict was about the previous provider
}

void ProvidersEditorPage::testConnection()
{
    if (selectedIndex() < 0)
        return;
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Testing..."));
    m_tester->start(items()[std::size_t(selectedIndex())]);
}

void ProvidersEditorPage::onVerdict(const ConnectionVerdict &verdict)
{
    const bool ok = verdict.outcome == ConnectionVerdict::Outcome::Ok;
    m_testResult->setStyleSheet(ok ? QStringLiteral("color: #26a269;") : QStringLiteral("color: #c01c28;"));
    m_testResult->setText(verdict.text);
}

QString ProvidersEditorPage::credentialFromForm() const
{
    const QString name = m_credential->text().trimmed();
    switch (m_credentialKind->currentIndex()) {
    case EnvCredential:
        return kEnv + name;
    case KeychainCredential:
        return kKeychain + name;
    default:
        return {};
    }
}

void ProvidersEditorPage::refreshForm()
{
    const int selected = selectedIndex();
    const bool has = selected >= 0 && selected < itemCount();
    m_form->setEnabled(has);
    const Provider p = has ? items()[std::size_t(selected)] : Provider();
    const QSignalBlocker b1(m_kind), b2(m_credentialKind), b3(m_maxConnections), b4(m_maxIdle), b5(m_idleTimeout),
        b6(m_verifyTls), b7(m_mockLatency), b8(m_mockTokens), b9(m_mockFault), b10(m_mockStatus);

    setTextIfChanged(m_name, p.name);
    m_kind->setCurrentIndex(m_kind->findData(int(p.kind)));
    setTextIfChanged(m_baseUrl, p.baseUrl);
    // Only a reference is ever shown; anything else (a pasted secret in an
    // imported file) stays hidden behind the validation error.
    int credentialKind = NoCredential;
    QString reference;
    if (p.credentials.startsWith(kEnv)) {
        credentialKind = EnvCredential;
        reference = p.credentials.mid(kEnv.size());
    } else if (p.credentials.startsWith(kKeychain)) {
        credentialKind = KeychainCredential;
        reference = p.credentials.mid(kKeychain.size());
    }
    m_credentialKind->setCurrentIndex(credentialKind);
    if (credentialKind != NoCredential || m_credentialKind->currentIndex() == NoCredential)
        setTextIfChanged(m_credential, reference);
    m_credential->setEnabled(credentialKind != NoCredential);
    m_credential->setPlaceholderText(credentialKind == EnvCredential        ? QStringLiteral("OPENAI_API_KEY")
                                     : credentialKind == KeychainCredential ? tr("keychain entry")
                                                                            : QString());
    m_testButton->setEnabled(has);

    m_headers->setRows(p.headers);
    m_maxConnections->setValue(p.limits.maxConnections);
    m_maxIdle->setValue(p.limits.maxIdle);
    m_idleTimeout->setValue(p.limits.idleTimeoutMs);
    m_verifyTls->setChecked(p.tls.verifyPeer);
    setTextIfChanged(m_caFile, p.tls.caFile);
    setTextIfChanged(m_proxy, p.proxy);
    m_models->setRows(p.models);

    m_mockGroup->setVisible(p.kind == ProviderKind::Mock);
    m_mockLatency->setValue(p.mock.latencyMs);
    m_mockTokens->setValue(p.mock.tokensPerSecond);
    setTextIfChanged(m_mockAnswer, p.mock.answer);
    m_mockFault->setCurrentIndex(m_mockFault->findData(int(p.mock.fault)));
    m_mockStatus->setValue(p.mock.status);

    m_fieldIssues.apply(issues(), has ? itemPath(section(), p.name, selected) : QString());
}

} // namespace understudy
