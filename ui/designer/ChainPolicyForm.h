#pragma once

// The chain-wide policy of the designer's chain: deadline, attempt budget,
// stream commit mode and mid-stream policy. Reports each change as the
// whole edited ChainPolicy with a field key, like StepInspector.

#include "config/Config.h"

#include <QGroupBox>

class QComboBox;
class QSpinBox;

namespace understudy {

class ChainPolicyForm final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChainPolicyForm)

public:
    explicit ChainPolicyForm(QWidget *parent = nullptr);

    void setPolicy(const ChainPolicy &policy);
    const ChainPolicy &policy() const { return m_policy; }
    QSpinBox *deadlineSpin() const { return m_deadline; }

signals:
    void policyEdited(const ChainPolicy &policy, const QString &field);

private:
    void commit(const ChainPolicy &policy, const QString &field);

    ChainPolicy m_policy;
    bool m_updating = false;
    QSpinBox *m_deadline;
    QSpinBox *m_maxAttempts;
    QComboBox *m_commit;
    QComboBox *m_midStream;
};

} // namespace understudy
