#include "ChaosFaultForm.h"

#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>

namespace understudy {

ChaosFaultForm::ChaosFaultForm(QWidget *parent) : QWidget(parent)
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_fault = new QComboBox(this);
    m_fault->setObjectName(QStringLiteral("faultCombo"));
    for (MockFault f : injectableFaults())
        m_fault->addItem(faultTitle(f), static_cast<int>(f));
    form->addRow(tr("&Fault:"), m_fault);

    const MockSettings defaults;
    addField(form, FaultParam::Status, tr("HTTP &status:"), 400, 599, defaults.status, {});
    addField(form, FaultParam::RetryAfter, tr("&Retry-After:"), 0, 3600, defaults.retryAfterSeconds, tr(" s"))
        ->setSpecialValueText(tr("none"));
    addField(form, FaultParam::AfterEvents, tr("After &events:"), 0, 10000, defaults.afterEvents, {});
    addField(form, FaultParam::Delay, tr("First token &delay:"), 0, 600000, 5000, tr(" ms"));
    addField(form, FaultParam::Down, tr("&Down for:"), 0, 3600000, 10000, tr(" ms"));
    addField(form, FaultParam::Up, tr("&Up for:"), 0, 3600000, 10000, tr(" ms"));
    addField(form, FaultParam::Latency, tr("&Latency:"), 0, 600000, defaults.latencyMs, tr(" ms"))
        ->setToolTip(tr("Time until the injected fault shows (the response head, or the reset)"));

    connect(m_fault, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        emit faultChanged(fault());
    });
    updateEnabled();
}

QSpinBox *ChaosFaultForm::addField(QFormLayout *form, FaultParam param, const QString &label, int min, int max,
                                   int value, const QString &suffix)
{
    auto *spin = new QSpinBox(this);
    spin->setRange(min, max);
    spin->setValue(value);
    spin->setSuffix(suffix);
    spin->setAccelerated(true);
    form->addRow(label, spin);
    m_fields[param] = spin;
    return spin;
}

MockFault ChaosFaultForm::fault() const
{
    return static_cast<MockFault>(m_fault->currentData().toInt());
}

void ChaosFaultForm::setFault(MockFault fault)
{
    const int index = m_fault->findData(static_cast<int>(fault));
    if (index >= 0)
        m_fault->setCurrentIndex(index);
}

MockSettings ChaosFaultForm::settings() const
{
    MockSettings s;
    s.fault = fault();
    for (FaultParam param : faultParams(s.fault)) {
        const int value = m_fields.at(param)->value();
        switch (param) {
        case FaultParam::Status:
            s.status = value;
            break;
        case FaultParam::RetryAfter:
            s.retryAfterSeconds = value;
            break;
        case FaultParam::AfterEvents:
            s.afterEvents = value;
            break;
        case FaultParam::Delay:
            s.delayMs = value;
            break;
        case FaultParam::Down:
            s.downMs = value;
            break;
        case FaultParam::Up:
            s.upMs = value;
            break;
        case FaultParam::Latency:
            s.latencyMs = value;
            break;
        }
    }
    return s;
}

void ChaosFaultForm::updateEnabled()
{
    const MockFault current = fault();
    for (const auto &[param, spin] : m_fields)
        spin->setEnabled(faultUses(current, param));
}

} // namespace understudy
