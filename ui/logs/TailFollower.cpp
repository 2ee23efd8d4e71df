#include "TailFollower.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QScrollBar>

#include <algorithm>

namespace understudy {

TailFollower::TailFollower(QAbstractItemView *view, QAbstractItemModel *shown) : QObject(view), m_view(view)
{
    QScrollBar *bar = view->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        if (!m_scrolling)
            m_follow = value >= bar->maximum();
    });
    connect(bar, &QScrollBar::rangeChanged, this, [this](int, int max) {
        if (m_follow)
            scrollTo(max);
    });
    connect(shown, &QAbstractItemModel::rowsRemoved, this, [this, bar](const QModelIndex &, int first, int last) {
        if (m_follow || first >= bar->value())
            return;
        const int above = std::min(last, bar->value() - 1) - first + 1;
        scrollTo(bar->value() - above);
    });
}

void TailFollower::setFollowing(bool follow)
{
    m_follow = follow;
    if (follow)
        scrollTo(m_view->verticalScrollBar()->maximum());
}

void TailFollower::scrollTo(int value)
{
    m_scrolling = true;
    m_view->verticalScrollBar()->setValue(value);
    m_scrolling = false;
}

} // namespace understudy
