#include "editors/RoutesEditorPage.h"

#include "editors/EditorModels.h"
#include "editors/RouteTester.h"

#include <QBoxLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>

namespace understudy {

namespace {

const QStringList kMethods = {QStringLiteral("GET"),    QStringLiteral("POST"),   QStringLiteral("PUT"),
                              QStringLiteral("PATCH"),  QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                              QStringLiteral("OPTIONS")};
const QString kRoutes = QStringLiteral("routes");

void setTextIfChanged(QLineEdit *edit, const QString &text)
{
    if (edit->text() != text)
        edit->setText(text);
}

} // namespace

RoutesEditorPage::RoutesEditorPage(QWidget *parent)
    : NamedListPage(
          &Config::routes,
          Texts{kRoutes, QStringLiteral("route"), tr("route"), tr("Routes"), tr("Routes, most specific match wins")},
          parent)
    , m_headers(new HeaderMatchModel(this))
{
    setAccessibleName(tr("Routes editor"));
    // Order matters: the first route that matches wins.
    addListButton(
        tr("Up"), tr("Move route up"), [this] { moveRoute(selectedRoute(), selectedRoute() - 1); }, 1, 0);
    addListButton(
        tr("Down"), tr("Move route down"), [this] { moveRoute(selectedRoute(), selectedRoute() + 1); }, 1, 1);
    addListAction(tr("Move route up"), QKeySequence(Qt::ALT | Qt::Key_Up),
                  [this] { moveRoute(selectedRoute(), selectedRoute() - 1); });
    addListAction(tr("Move route down"), QKeySequence(Qt::ALT | Qt::Key_Down),
                  [this] { moveRoute(selectedRoute(), selectedRoute() + 1); });
    QWidget *form = buildForm();
    buildPage(form, buildTester());
    setNameEdit(m_name);
    refresh();
}

Route RoutesEditorPage::newItem() const
{
    Route route;
    route.chain = config().chains.empty() ? QString() : config().chains.front().name;
    return route;
}

QWidget *RoutesEditorPage::buildForm()
{
    m_form = new QWidget;
    auto *outer = new QVBoxLayout(m_form);
    auto *group = new QGroupBox(tr("Route"));
    auto *form = new QFormLayout(group);
    m_name = new QLineEdit;
    m_name->setAccessibleName(tr("Route name"));
    m_kind = new QComboBox;
    m_kind->setAccessibleName(tr("Route kind"));
    m_kind->addItem(tr("llm (unified OpenAI-compatible API)"), int(RouteKind::Llm));
    m_kind->addItem(tr("http (pass-through)"), int(RouteKind::Http));
    m_chain = new QComboBox;
    m_chain->setAccessibleName(tr("Chain"));
    m_listener = new QComboBox;
    m_listener->setAccessibleName(tr("Listener"));
    m_methods = new QListWidget;
    m_methods->setAccessibleName(tr("Methods (none checked = any)"));
    m_methods->setFlow(QListView::LeftToRight);
    m_methods->setWrapping(true);
    m_methods->setMaximumHeight(56);
    m_pathMatch = new QComboBox;
    m_pathMatch->setAccessibleName(tr("Path match"));
    for (PathMatch match : {PathMatch::Exact, PathMatch::Prefix, PathMatch::Pattern})
        m_pathMatch->addItem(pathMatchName(match), int(match));
    m_path = new QLineEdit;
    m_path->setAccessibleName(tr("Path"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_pathMatch);
    pathRow->addWidget(m_path, 1);
    m_host = new QLineEdit;
    m_host->setAccessibleName(tr("Host"));
    m_host->setPlaceholderText(tr("any host"));
    m_headerTable = new QTableView;
    m_headerTable->setModel(m_headers);
    m_headerTable->setAccessibleName(tr("Header predicates"));
    m_headerTable->verticalHeader()->hide();
    m_headerTable->horizontalHeader()->setSectionResizeMode(HeaderMatchModel::Value, QHeaderView::Stretch);
    m_headerTable->setMinimumHeight(90);
    auto *addHeader = new QPushButton(tr("Add header predicate"));
    auto *removeHeader = new QPushButton(tr("Remove header predicate"));
    addHeader->setAccessibleName(addHeader->text());
    removeHeader->setAccessibleName(removeHeader->text());
    auto *headerButtons = new QHBoxLayout;
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch();
    m_retryNonIdempotent = new QCheckBox(tr("Retry non-idempotent requests (POST, PATCH) on http routes"));
    m_retryNonIdempotent->setAccessibleName(tr("Retry non-idempotent requests"));
    m_logBodies = new QCheckBox(tr("Log request and response bodies"));
    m_logBodies->setAccessibleName(tr("Log bodies"));

    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Kind"), m_kind);
    form->addRow(tr("&Chain"), m_chain);
    form->addRow(tr("&Listener"), m_listener);
    form->addRow(tr("&Methods"), m_methods);
    form->addRow(tr("Path"), pathRow);
    form->addRow(tr("&Host"), m_host);
    form->addRow(tr("Headers"), m_headerTable);
    form->addRow(QString(), headerButtons);
    form->addRow(QString(), m_retryNonIdempotent);
    form->addRow(QString(), m_logBodies);
    outer->addWidget(group);
    outer->addStretch();

    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        editSelected(tr("Rename route"), QStringLiteral("name"), [&](Route &r) { r.name = text.trimmed(); });
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int) {
        const auto kind = RouteKind(m_kind->currentData().toInt());
        editSelected(tr("Change route kind"), QStringLiteral("kind"), [&](Route &r) { r.kind = kind; });
    });
    connect(m_chain, &QComboBox::currentIndexChanged, this, [this](int) {
        const QString chain = m_chain->currentData().toString();
        editSelected(tr("Change route chain"), QStringLiteral("chain"), [&](Route &r) { r.chain = chain; });
    });
    connect(m_listener, &QComboBox::currentIndexChanged, this, [this](int) {
        const QString listener = m_listener->currentData().toString();
        editSelected(tr("Change route listener"), QStringLiteral("listener"),
                     [&](Route &r) { r.match.listener = listener; });
    });
    connect(m_methods, &QListWidget::itemChanged, this, [this] {
        QStringList methods;
        for (int i = 0; i < m_methods->count(); ++i) {
            if (m_methods->item(i)->checkState() == Qt::Checked)
                methods << m_methods->item(i)->text();
        }
        editSelected(tr("Edit route methods"), {}, [&](Route &r) { r.match.methods = methods; });
    });
    connect(m_pathMatch, &QComboBox::currentIndexChanged, this, [this](int) {
        const auto match = PathMatch(m_pathMatch->currentData().toInt());
        editSelected(tr("Change path match"), QStringLiteral("path_match"),
                     [&](Route &r) { r.match.pathMatch = match; });
    });
    connect(m_path, &QLineEdit::textEdited, this, [this](const QString &text) {
        editSelected(tr("Edit route path"), QStringLiteral("path"), [&](Route &r) { r.match.path = text.trimmed(); });
    });
    connect(m_host, &QLineEdit::textEdited, this, [this](const QString &text) {
        editSelected(tr("Edit route host"), QStringLiteral("host"), [&](Route &r) { r.match.host = text.trimmed(); });
    });
    connect(m_headers, &HeaderMatchModel::rowsEdited, this, [this](const QString &field) {
        const auto rows = m_headers->rows();
        editSelected(tr("Edit header predicate"), QStringLiteral("headers.") + field,
                     [&](Route &r) { r.match.headers = rows; });
    });
    connect(addHeader, &QPushButton::clicked, this, [this] {
        editSelected(tr("Add header predicate"), {}, [](Route &r) {
            r.match.headers.push_back({QStringLiteral("X-Tenant"), QStringLiteral("value"), false});
        });
    });
    connect(removeHeader, &QPushButton::clicked, this, [this] {
        const int row = m_headerTable->currentIndex().row();
        editSelected(tr("Remove header predicate"), {}, [row](Route &r) {
            if (row >= 0 && row < int(r.match.headers.size()))
                r.match.headers.erase(r.match.headers.begin() + row);
        });
    });
    connect(m_retryNonIdempotent, &QCheckBox::toggled, this, [this](bool on) {
        editSelected(tr("Edit retry of non-idempotent requests"), {}, [&](Route &r) { r.retryNonIdempotent = on; });
    });
    connect(m_logBodies, &QCheckBox::toggled, this,
            [this](bool on) { editSelected(tr("Edit body logging"), {}, [&](Route &r) { r.logBodies = on; }); });

    m_fieldIssues.add(QStringLiteral(".name"), m_name);
    m_fieldIssues.add(QStringLiteral(".kind"), m_kind);
    m_fieldIssues.add(QStringLiteral(".chain"), m_chain);
    m_fieldIssues.add(QStringLiteral(".match.listener"), m_listener);
    m_fieldIssues.add(QStringLiteral(".match.methods"), m_methods);
    m_fieldIssues.add(QStringLiteral(".match.path"), m_path);
    m_fieldIssues.add(QStringLiteral(".match.host"), m_host);
    m_fieldIssues.add(QStringLiteral(".match.headers"), m_headerTable);
    return m_form;
}

QWidget *RoutesEditorPage::buildTester()
{
    auto *box = new QGroupBox(tr("Which route matches?"));
    auto *form = new QFormLayout(box);
    m_testListener = new QComboBox;
    m_testListener->setAccessibleName(tr("Test request listener"));
    m_testMethod = new QComboBox;
    m_testMethod->setEditable(true);
    m_testMethod->addItems(kMethods);
    m_testMethod->setCurrentText(QStringLiteral("POST"));
    m_testMethod->setAccessibleName(tr("Test request method"));
    m_testPath = new QLineEdit(QStringLiteral("/v1/chat/completions"));
    m_testPath->setAccessibleName(tr("Test request path"));
    m_testHost = new QLineEdit;
    m_testHost->setAccessibleName(tr("Test request host"));
    m_testHost->setPlaceholderText(QStringLiteral("localhost"));
    m_testHeaders = new QPlainTextEdit;
    m_testHeaders->setAccessibleName(tr("Test request headers, one Name: value per line"));
    m_testHeaders->setPlaceholderText(QStringLiteral("X-Tenant: acme"));
    m_testHeaders->setMaximumHeight(80);
    m_testHeaders->setTabChangesFocus(true);
    m_testResult = new QLabel;
    m_testResult->setAccessibleName(tr("Matching route"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::RichText);
    m_testResult->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    form->addRow(tr("Listener"), m_testListener);
    form->addRow(tr("Method"), m_testMethod);
    form->addRow(tr("Path"), m_testPath);
    form->addRow(tr("Host"), m_testHost);
    form->addRow(tr("Headers"), m_testHeaders);
    form->addRow(m_testResult);

    connect(m_testListener, &QComboBox::currentIndexChanged, this, &RoutesEditorPage::runTester);
    connect(m_testMethod, &QComboBox::currentTextChanged, this, &RoutesEditorPage::runTester);
    connect(m_testPath, &QLineEdit::textChanged, this, &RoutesEditorPage::runTester);
    connect(m_testHost, &QLineEdit::textChanged, this, &RoutesEditorPage::runTester);
    connect(m_testHeaders, &QPlainTextEdit::textChanged, this, &RoutesEditorPage::runTester);
    return box;
}

void RoutesEditorPage::setTestRequest(const QString &method, const QString &path, const QString &host,
                                      const QString &headers)
{
    const QSignalBlocker b1(m_testMethod), b2(m_testPath), b3(m_testHost), b4(m_testHeaders);
    m_testMethod->setCurrentText(method);
    m_testPath->setText(path);
    m_testHost->setText(host);
    m_testHeaders->setPlainText(headers);
    runTester();
}

void RoutesEditorPage::runTester()
{
    const RouteTestRequest request =
        parseRouteTestRequest(m_testListener->currentData().toString(), m_testMethod->currentText(), m_testPath->text(),
                              m_testHost->text(), m_testHeaders->toPlainText());
    const RouteTestResult result = testRoutes(config(), request);
    m_testedRoute = result.matched;
    QString html = result.matched < 0 ? tr("<b style='color:#c01c28'>No route matches</b> (the gateway answers 404)")
                                      : tr("<b style='color:#26a269'>Matches route %1</b>")
                                            .arg(config().routes[std::size_t(result.matched)].name.toHtmlEscaped());
    html += QStringLiteral("<ul style='margin-left:-20px'>");
    for (int i = 0; i < result.reasons.size(); ++i) {
        if (i == result.matched)
            continue;
        html += QStringLiteral("<li>%1: %2</li>")
                    .arg(config().routes[std::size_t(i)].name.toHtmlEscaped(), result.reasons[i].toHtmlEscaped());
    }
    html += QStringLiteral("</ul>");
    m_testResult->setText(html);
}

void RoutesEditorPage::refreshPanes()
{
    {
        const QSignalBlocker blocker(m_testListener);
        const QString current = m_testListener->currentData().toString();
        m_testListener->clear();
        for (const Listener &l : config().listeners)
            m_testListener->addItem(QStringLiteral("%1 (%2:%3)").arg(l.name, l.address).arg(l.port), l.name);
        m_testListener->setCurrentIndex(std::max(0, m_testListener->findData(current)));
    }
    runTester();
}

void RoutesEditorPage::refreshForm()
{
    const int selected = selectedIndex();
    const bool has = selected >= 0 && selected < itemCount();
    m_form->setEnabled(has);
    const Route r = has ? items()[std::size_t(selected)] : Route();
    const QSignalBlocker b1(m_kind), b2(m_chain), b3(m_listener), b4(m_methods), b5(m_pathMatch),
        b6(m_retryNonIdempotent), b7(m_logBodies);

    setTextIfChanged(m_name, r.name);
    m_kind->setCurrentIndex(m_kind->findData(int(r.kind)));

    m_chain->clear();
    for (const Chain &chain : config().chains)
        m_chain->addItem(chain.name, chain.name);
    if (m_chain->findData(r.chain) < 0)
        m_chain->addItem(r.chain.isEmpty() ? tr("(choose a chain)") : tr("%1 (missing)").arg(r.chain), r.chain);
    m_chain->setCurrentIndex(m_chain->findData(r.chain));

    m_listener->clear();
    m_listener->addItem(tr("every listener"), QString());
    for (const Listener &l : config().listeners)
        m_listener->addItem(l.name, l.name);
    if (m_listener->findData(r.match.listener) < 0)
        m_listener->addItem(tr("%1 (missing)").arg(r.match.listener), r.match.listener);
    m_listener->setCurrentIndex(m_listener->findData(r.match.listener));

    m_methods->clear();
    QStringList methods = kMethods;
    for (const QString &m : r.match.methods) {
        if (!methods.contains(m))
            methods << m;
    }
    for (const QString &m : methods) {
        auto *item = new QListWidgetItem(m, m_methods);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(r.match.methods.contains(m) ? Qt::Checked : Qt::Unchecked);
    }

    m_pathMatch->setCurrentIndex(m_pathMatch->findData(int(r.match.pathMatch)));
    setTextIfChanged(m_path, r.match.path);
    setTextIfChanged(m_host, r.match.host);
    m_headers->setRows(r.match.headers);
    m_retryNonIdempotent->setChecked(r.retryNonIdempotent);
    m_logBodies->setChecked(r.logBodies);

    m_fieldIssues.apply(issues(), has ? itemPath(kRoutes, r.name, selected) : QString());
}

} // namespace understudy
