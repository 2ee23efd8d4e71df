#pragma once

// The request a "what if" run imagines: streaming or not, model, consumer,
// tier, headers and the prompt size. Step conditions look at exactly these
// facts (RequestFacts), so an operator can see which steps a premium,
// streaming or long-prompt request would skip.

#include "fallback/RequestFacts.h"

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace understudy {

class WhatIfRequestBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WhatIfRequestBar)

public:
    explicit WhatIfRequestBar(QWidget *parent = nullptr);

    RequestFacts facts() const;
    // Shows `facts` without reporting them back (they came from the page).
    void setFacts(const RequestFacts &facts);

    // "x-tier: gold; x-team: search" -> header pairs (blank parts ignored).
    static HeaderList headersFromText(const QString &text);

signals:
    // The operator changed a field.
    void factsChanged(const RequestFacts &facts);

private:
    bool m_updating = false;
    QCheckBox *m_stream;
    QLineEdit *m_model;
    QLineEdit *m_consumer;
    QLineEdit *m_tier;
    QLineEdit *m_headers;
    QSpinBox *m_promptTokens;
};

} // namespace understudy
