from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from community.querysets import GroupQuerySet, PostQuerySet, ThreadQuerySet


class Group(models.Model):
    """A discussion group, e.g. "Transplants" or "Caregivers"."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: anyone may read it, search engines may list it")
        MEMBERS = "members", _("Members only: visitors are asked to log in")
        UNLISTED = "unlisted", _("Public, but search engines are asked not to list it")

    name = models.CharField(max_length=80, unique=True, verbose_name=_("name"))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    position = models.PositiveIntegerField(
        default=0, help_text=_("Lower numbers are listed first."), verbose_name=_("position")
    )
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("created at")
    )
    # Kept up to date by community.services with F() updates; never read-modify-write.
    thread_count = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("thread count")
    )
    post_count = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("post count")
    )
    last_activity_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("last activity at")
    )
    visibility = models.CharField(
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        verbose_name=_("visibility"),
    )

    is_sensitive = models.BooleanField(
        default=False,
        help_text=_(
            'Health detail (e.g. "Mental health"): e-mails about its posts never name '
            "the group or the thread, nor quote the post."
        ),
        verbose_name=_("is sensitive"),
    )

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:group-detail", kwargs={"slug": self.slug})

    @property
    def is_members_only(self) -> bool:
        return self.visibility == self.Visibility.MEMBERS

    @property
    def may_be_indexed(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC


class Thread(models.Model):
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="threads", verbose_name=_("group")
    )
    title = models.CharField(max_length=160, verbose_name=_("title"))
    slug = models.SlugField(max_length=80, allow_unicode=False, verbose_name=_("slug"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="threads",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("created at")
    )
    last_activity_at = models.DateTimeField(
        default=timezone.now, verbose_name=_("last activity at")
    )
    is_pinned = models.BooleanField(default=False, verbose_name=_("is pinned"))
    is_locked = models.BooleanField(default=False, verbose_name=_("is locked"))
    # The highest position handed out so far; the next post takes last_position + 1
    # (allocated with one UPDATE ... RETURNING, so concurrent replies never collide).
    last_position = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("last position")
    )
    # Published, visible replies (the first post is not a reply).
    reply_count = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("reply count")
    )
    # Who wrote the latest published post, for "last reply by" in thread lists.
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("last poster"),
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            # The id breaks ties so PostgreSQL can stop after one page even when many threads
            # share a last-activity time (imported or bulk-moved threads do).
            models.Index(
                fields=["group", "-is_pinned", "-last_activity_at", "-id"],
                name="thread_group_listing",
            ),
            models.Index(fields=["-last_activity_at", "-id"], name="thread_recent"),
            # The mentors' queue (mentors.querysets): unanswered open threads, oldest first,
            # read from this small index instead of every thread.
            models.Index(
                fields=["created_at", "id"],
                condition=models.Q(reply_count=0, is_locked=False),
                name="thread_unanswered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:thread-detail", kwargs={"pk": self.pk, "slug": self.slug})


class Post(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        PENDING = "pending", _("Waiting for a moderator")
        HIDDEN = "hidden", _("Hidden by a moderator")

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="posts",
        verbose_name=_("author"),
    )
    # 1 for the thread's first post; unique and gap-free per thread at creation, so a post's
    # page is (position - 1) // POSTS_PER_PAGE + 1 without counting rows.
    position = models.PositiveIntegerField(verbose_name=_("position"))
    body_markdown = models.TextField(verbose_name=_("body markdown"))
    # Rendered from body_markdown ONCE at save time and sanitised with bleach (core.markdown).
    body_html = models.TextField(verbose_name=_("body html"))
    # The post this one answers, shown as a quote block with "Jump to this post".
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    # The quoted text as the replier chose it (a selected passage, or an excerpt), plain text.
    quote_excerpt = models.TextField(blank=True, verbose_name=_("quote excerpt"))
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PUBLISHED, verbose_name=_("status")
    )
    # The language the author wrote in (a code of settings.LANGUAGES, community.languages):
    # the body's `lang` attribute, and "Written in Spanish" for readers of another language.
    # Empty for posts written before posts carried one: no note, the page's language.
    language = models.CharField(max_length=12, blank=True, default="", verbose_name=_("language"))
    hidden_reason = models.CharField(max_length=300, blank=True, verbose_name=_("hidden reason"))
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("created at")
    )
    edited_at = models.DateTimeField(null=True, blank=True, verbose_name=_("edited at"))
    deleted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("deleted at"))
    # Reaction counters, changed with F() by community.services.toggle_reaction.
    helpful_count = models.PositiveIntegerField(
        default=0, editable=False, verbose_name=_("helpful count")
    )
    hug_count = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("hug count"))
    mentioned = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Mention",
        related_name="mentioned_in",
        blank=True,
        verbose_name=_("mentioned"),
    )
    # Full-text search (PostgreSQL): the thread title (weight A, first post only) and the body
    # (weight B), written by community.services whenever the text changes. Unused on SQLite.
    search_vector = SearchVectorField(
        null=True, blank=True, editable=False, verbose_name=_("search vector")
    )
    # The one-time token of the form that created the post (community.forms.NewPostForm):
    # the same form sent twice by its author finds this post instead of making a second one.
    submission_token = models.UUIDField(
        null=True, blank=True, editable=False, verbose_name=_("submission token")
    )
    # Its place in the moderation queue, so the queue reads an index, not every post: when
    # it began waiting (a pending post since it was written, a flagged one since its first
    # open flag), NULL when nothing waits; `review_first` for a caring look (crisis language),
    # which comes first whatever its status. A new pending post waits from its creation
    # (here); every later change is moderation.review.refresh's, called by the services of
    # moderation and safety that change a post's status, flags or caring look.
    review_since = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("review since")
    )
    review_first = models.BooleanField(
        default=False, editable=False, verbose_name=_("review first")
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["thread", "position"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(fields=["thread", "position"], name="post_unique_position"),
            models.UniqueConstraint(
                fields=["author", "submission_token"], name="post_submitted_once"
            ),
        ]
        indexes = [
            models.Index(fields=["author", "-created_at"], name="post_author_recent"),
            models.Index(fields=["status", "created_at"], name="post_status_created"),
            GinIndex(fields=["search_vector"], name="post_search_vector"),
            # The moderation queue's order (moderation.review.waiting), waiting posts only.
            models.Index(
                fields=["-review_first", "review_since", "id"],
                condition=models.Q(review_since__isnull=False, deleted_at__isnull=True),
                name="post_review_queue",
            ),
        ]

    def __str__(self) -> str:
        return gettext("Post %(post)s in %(thread)s") % {"post": self.pk, "thread": self.thread_id}

    def get_absolute_url(self) -> str:
        return reverse("community:post-permalink", kwargs={"pk": self.pk})

    @property
    def page_number(self) -> int:
        return (self.position - 1) // settings.POSTS_PER_PAGE + 1

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class PostRevision(models.Model):
    """The text a post had before one edit. Every edit adds one; nothing is ever lost."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(
        max_length=160, blank=True, help_text="The thread title, first posts only."
    )
    body_markdown = models.TextField()
    body_html = models.TextField()
    # When this version was written (the post's creation or the previous edit).
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)
    # Who replaced this version: the author, or a moderator (who must give a reason).
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["post", "-replaced_at"]

    def __str__(self) -> str:
        return gettext("Revision of post %(post)s from %(when)s") % {
            "post": self.post_id,
            "when": f"{self.written_at:%Y-%m-%d %H:%M}",
        }


class Mention(models.Model):
    """A member @mentioned in a post; notifications read these."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "member"], name="mention_once_per_post"),
        ]

    def __str__(self) -> str:
        return f"@mention of {self.member_id} in post {self.post_id}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        HELPFUL = "helpful", pgettext_lazy("reaction", "Helpful")
        HUG = "hug", pgettext_lazy("reaction", "Hug")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "member", "kind"], name="reaction_once_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on post {self.post_id}"


class ThreadFollow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_follows"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "member"], name="thread_follow_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} follows thread {self.thread_id}"


class GroupFollow(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_follows"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="group_follow_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} follows group {self.group_id}"


class ThreadVisit(models.Model):
    """When a member last read a thread: thread lists mark what is new since then."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="visits")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    visited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "thread"], name="thread_visit_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} read thread {self.thread_id} at {self.visited_at}"


class Draft(models.Model):
    """What a member is writing and has not published: a reply to one thread, or a new
    discussion in one group (then `thread` is empty). Kept on the server, so it follows the
    member to any device until they publish it or discard it (community.drafts)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Every character is kept, even past the posting limits: the form says what to shorten.
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "thread"],
                condition=models.Q(thread__isnull=False),
                name="draft_once_per_thread",
            ),
            models.UniqueConstraint(
                fields=["member", "group"],
                condition=models.Q(thread__isnull=True),
                name="draft_once_per_new_thread",
            ),
            models.CheckConstraint(
                condition=models.Q(thread__isnull=True, group__isnull=False)
                | models.Q(thread__isnull=False, group__isnull=True),
                name="draft_for_a_thread_or_a_group",
            ),
        ]

    def __str__(self) -> str:
        where = f"thread {self.thread_id}" if self.thread_id else f"group {self.group_id}"
        return f"Draft by {self.member_id} for {where}"
