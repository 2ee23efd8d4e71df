#include "designer/WhatIfRequestBar.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScopedValueRollback>
#include <QSpinBox>

namespace understudy {

WhatIfRequestBar::WhatIfRequestBar(QWidget *parent)
    : QWidget(parent)
    , m_stream(new QCheckBox(tr("stream"), this))
    , m_model(new QLineEdit(this))
    , m_consumer(new QLineEdit(this))
    , m_tier(new QLineEdit(this))
    , m_headers(new QLineEdit(this))
    , m_promptTokens(new QSpinBox(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Request:"), this));
    m_stream->setAccessibleName(tr("Request streams"));
    m_model->setPlaceholderText(tr("model"));
    m_model->setAccessibleName(tr("Requested model"));
    m_consumer->setPlaceholderText(tr("consumer"));
    m_consumer->setAccessibleName(tr("Consumer"));
    m_tier->setPlaceholderText(tr("tier"));
    m_tier->setAccessibleName(tr("Tier"));
    m_headers->setPlaceholderText(tr("headers: x-tier: gold; …"));
    m_headers->setAccessibleName(tr("Request headers"));
    m_promptTokens->setRange(-1, 10'000'000);
    m_promptTokens->setSpecialValueText(tr("tokens unknown"));
    m_promptTokens->setSuffix(tr(" tokens"));
    m_promptTokens->setValue(-1);
    m_promptTokens->setAccessibleName(tr("Estimated prompt tokens"));
    layout->addWidget(m_stream);
    layout->addWidget(m_model, 2);
    layout->addWidget(m_consumer, 1);
    layout->addWidget(m_tier, 1);
    layout->addWidget(m_headers, 3);
    layout->addWidget(m_promptTokens);
    auto changed = [this] {
        if (!m_updating)
            emit factsChanged(facts());
    };
    connect(m_stream, &QCheckBox::toggled, this, changed);
    for (QLineEdit *edit : {m_model, m_consumer, m_tier, m_headers})
        connect(edit, &QLineEdit::textChanged, this, changed);
    connect(m_promptTokens, &QSpinBox::valueChanged, this, changed);
}

HeaderList WhatIfRequestBar::headersFromText(const QString &text)
{
    HeaderList headers;
    for (const QString &part : text.split(u';')) {
        const qsizetype colon = part.indexOf(u':');
        if (colon <= 0)
            continue;
        const QString name = part.left(colon).trimmed();
        if (!name.isEmpty())
            headers.emplace_back(name.toLatin1(), part.mid(colon + 1).trimmed().toUtf8());
    }
    return headers;
}

RequestFacts WhatIfRequestBar::facts() const
{
    RequestFacts facts;
    facts.stream = m_stream->isChecked();
    facts.requestedModel = m_model->text().trimmed();
    facts.consumer = m_consumer->text().trimmed();
    facts.tier = m_tier->text().trimmed();
    facts.headers = headersFromText(m_headers->text());
    facts.estimatedPromptTokens = m_promptTokens->value();
    facts.method = QStringLiteral("POST");
    return facts;
}

void WhatIfRequestBar::setFacts(const RequestFacts &facts)
{
    const QScopedValueRollback guard(m_updating, true);
    {
        m_stream->setChecked(facts.stream);
        m_model->setText(facts.requestedModel);
        m_consumer->setText(facts.consumer);
        m_tier->setText(facts.tier);
        QStringList headers;
        for (const auto &[name, value] : facts.headers)
            headers << QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value);
        m_headers->setText(headers.join(QStringLiteral("; ")));
        m_promptTokens->setValue(int(std::clamp<qint64>(facts.estimatedPromptTokens, -1, 10'000'000)));
    }
}

} // namespace understudy
