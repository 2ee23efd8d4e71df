#pragma once

// Live tail for a view: while it is scrolled to the bottom it follows new
// rows; when the user scrolls up it lets go, and scrolling back to the
// bottom resumes it. Rows evicted above the viewport (a row cap) move the
// scroll position with them, so what the user reads stays put.

#include <QObject>

class QAbstractItemModel;
class QAbstractItemView;

namespace understudy {

class TailFollower final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TailFollower)

public:
    // `shown` is the model the view shows (the proxy); both must outlive
    // the follower (make it a child of the view).
    TailFollower(QAbstractItemView *view, QAbstractItemModel *shown);

    bool isFollowing() const { return m_follow; }
    // Following again jumps to the bottom.
    void setFollowing(bool follow);

private:
    void scrollTo(int value);

    QAbstractItemView *m_view = nullptr;
    bool m_follow = true;
    bool m_scrolling = false; // our own scroll, not the user's
};

} // namespace understudy
