#include "designer/ChainPolicyForm.h"

#include <QComboBox>
#include <QFormLayout>
#include <QScopedValueRollback>
#include <QSpinBox>

namespace understudy {

ChainPolicyForm::ChainPolicyForm(QWidget *parent) : QGroupBox(tr("Chain policy"), parent)
{
    auto *form = new QFormLayout(this);
    m_deadline = new QSpinBox(this);
    m_deadline->setRange(0, 3'600'000);
    m_deadline->setSingleStep(1000);
    m_deadline->setSuffix(QStringLiteral(" ms"));
    m_deadline->setGroupSeparatorShown(true);
    m_deadline->setAccessibleName(tr("Chain deadline"));
    m_maxAttempts = new QSpinBox(this);
    m_maxAttempts->setRange(0, 1000);
    m_maxAttempts->setAccessibleName(tr("Maximum attempts"));
    m_commit = new QComboBox(this);
    m_commit->setAccessibleName(tr("Stream commit mode"));
    for (CommitMode mode : {CommitMode::FirstEvent, CommitMode::Buffered})
        m_commit->addItem(commitModeName(mode), int(mode));
    m_midStream = new QComboBox(this);
    m_midStream->setAccessibleName(tr("Mid-stream policy"));
    for (MidStreamPolicy p : {MidStreamPolicy::Error, MidStreamPolicy::Continue})
        m_midStream->addItem(midStreamPolicyName(p), int(p));
    form->addRow(tr("&Deadline"), m_deadline);
    form->addRow(tr("Max &attempts"), m_maxAttempts);
    form->addRow(tr("Stream commit"), m_commit);
    form->addRow(tr("Mid-stream cut"), m_midStream);

    connect(m_deadline, &QSpinBox::valueChanged, this, [this](int v) {
        ChainPolicy p = m_policy;
        p.deadlineMs = v;
        commit(p, QStringLiteral("deadline"));
    });
    connect(m_maxAttempts, &QSpinBox::valueChanged, this, [this](int v) {
        ChainPolicy p = m_policy;
        p.maxAttempts = v;
        commit(p, QStringLiteral("max_attempts"));
    });
    connect(m_commit, &QComboBox::activated, this, [this] {
        ChainPolicy p = m_policy;
        p.commitMode = CommitMode(m_commit->currentData().toInt());
        commit(p, QStringLiteral("commit_mode"));
    });
    connect(m_midStream, &QComboBox::activated, this, [this] {
        ChainPolicy p = m_policy;
        p.midStream = MidStreamPolicy(m_midStream->currentData().toInt());
        commit(p, QStringLiteral("mid_stream"));
    });
}

void ChainPolicyForm::setPolicy(const ChainPolicy &policy)
{
    const QScopedValueRollback guard(m_updating, true);
    m_policy = policy;
    m_deadline->setValue(policy.deadlineMs);
    m_maxAttempts->setValue(policy.maxAttempts);
    m_commit->setCurrentIndex(m_commit->findData(int(policy.commitMode)));
    m_midStream->setCurrentIndex(m_midStream->findData(int(policy.midStream)));
}

void ChainPolicyForm::commit(const ChainPolicy &policy, const QString &field)
{
    if (m_updating || policy == m_policy)
        return;
    m_policy = policy;
    emit policyEdited(policy, field);
}

} // namespace understudy
