#pragma once

// The fault part of the chaos form: which SPEC §7 fault and its parameters.
// Only the fields the chosen fault reads are enabled (ChaosFaults.h says
// which), so an operator never tunes a knob that does nothing.

#include "ChaosFaults.h"
#include "config/Config.h"

#include <QWidget>

#include <map>

class QComboBox;
class QFormLayout;
class QSpinBox;

namespace understudy {

class ChaosFaultForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChaosFaultForm)

public:
    explicit ChaosFaultForm(QWidget *parent = nullptr);

    MockFault fault() const;
    void setFault(MockFault fault);
    // The fault with the values of its relevant fields; the other fields
    // keep MockSettings' defaults.
    MockSettings settings() const;

    // The editor of one parameter (for tests and for buddies).
    QSpinBox *field(FaultParam param) const { return m_fields.at(param); }
    QComboBox *faultCombo() const { return m_fault; }

signals:
    void faultChanged(understudy::MockFault fault);

private:
    QSpinBox *addField(QFormLayout *form, FaultParam param, const QString &label, int min, int max, int value,
                       const QString &suffix);
    void updateEnabled();

    QComboBox *m_fault = nullptr;
    std::map<FaultParam, QSpinBox *> m_fields;
};

} // namespace understudy
