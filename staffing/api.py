"""REST API of the staff plans: plans and posts to read (never the occupants' names), posts to write.

Writes go through the post form's validation (term within the plan's year, months filled, FTE) and its
version check: an update or delete names the `version` it read; a newer stored version answers 409.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from kiz import policy
from kiz.api.base import ReadViewSet, Serializer, ags_field, form_errors, require, save_checked

from . import services
from .forms import PostForm
from .models import Post, StaffPlan

POST_FIELDS = [
    "title",
    "category",
    "fte",
    "funding_source",
    "origin",
    "pay_scheme",
    "pay_grade",
    "starts_on",
    "ends_on",
    "filled_months",
]


class PostSerializer(Serializer):
    class Meta:
        model = Post
        fields = ["id", "plan", *POST_FIELDS, "position", "version"]


class StaffPlanSerializer(Serializer):
    municipality = ags_field()
    posts = PostSerializer(many=True, read_only=True, help_text=_("posts"))

    class Meta:
        model = StaffPlan
        fields = ["id", "municipality", "year", "notes", "version", "posts"]


class PostWriteSerializer(Serializer):
    """A post as the city enters it; `version` is required to change a stored post."""

    plan = serializers.PrimaryKeyRelatedField(queryset=StaffPlan.objects.none(), help_text=_("staff plan"))
    version = serializers.IntegerField(
        required=False, min_value=1, help_text=_("The version read; required when changing a post.")
    )

    class Meta:
        model = Post
        fields = ["plan", *POST_FIELDS, "version"]
        extra_kwargs = {"fte": {"coerce_to_string": True}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["plan"].queryset = StaffPlan.objects.for_user(request.user)
        if self.instance is not None:
            self.fields["plan"].read_only = True
            self.fields["version"].required = True

    def validate(self, attrs):
        if self.instance is not None and "version" not in attrs:
            raise serializers.ValidationError({"version": [_("Give the version read to change the post.")]})
        return attrs


@extend_schema_view(
    list=extend_schema(summary=_("Staff plans with their posts")),
    retrieve=extend_schema(summary=_("One staff plan with its posts")),
)
class StaffPlanViewSet(ReadViewSet):
    serializer_class = StaffPlanSerializer
    queryset = (
        StaffPlan.objects.select_related("municipality")
        .prefetch_related("posts")
        .order_by("municipality__name", "-year")
    )
    year_field = "year"
    year_description = _("Year of the staff plan")


@extend_schema_view(
    list=extend_schema(summary=_("Posts of the staff plans")),
    retrieve=extend_schema(summary=_("One post")),
    create=extend_schema(
        summary=_("Add a post to a staff plan"), request=PostWriteSerializer, responses={201: PostSerializer}
    ),
    update=extend_schema(summary=_("Change a post"), request=PostWriteSerializer, responses={200: PostSerializer}),
    partial_update=extend_schema(
        summary=_("Change some fields of a post"), request=PostWriteSerializer, responses={200: PostSerializer}
    ),
    destroy=extend_schema(
        summary=_("Remove a post"),
        parameters=[
            OpenApiParameter(
                "version", OpenApiTypes.INT, required=True, description=_("The version read; required to remove.")
            )
        ],
    ),
)
class PostViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ReadViewSet):
    serializer_class = PostSerializer
    queryset = Post.objects.select_related("plan__municipality").order_by("plan__municipality__name", "position", "pk")
    year_field = "plan__year"
    year_description = _("Year of the staff plan")
    municipality_field = "plan__municipality"

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return PostWriteSerializer
        return PostSerializer

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        plan = incoming.validated_data["plan"]
        require(policy.can_edit(request.user, plan.municipality))
        post = Post(plan=plan, position=services.next_position(plan))
        post = self._save(post, plan, incoming.validated_data)
        return Response(PostSerializer(post).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        post = self.get_object()
        require(policy.can_edit(request.user, post.plan.municipality))
        incoming = self.get_serializer(post, data=request.data, partial=kwargs.get("partial", False))
        incoming.is_valid(raise_exception=True)
        post = self._save(post, post.plan, incoming.validated_data)
        return Response(PostSerializer(post).data)

    def _save(self, post, plan, values):
        data = {name: getattr(post, name) for name in POST_FIELDS} if post.pk else {}
        data.update({name: values[name] for name in POST_FIELDS if name in values})
        data["expected_version"] = values.get("version")
        form = PostForm(data, instance=post, plan=plan, show_occupant=False)
        if not form.is_valid():
            raise form_errors(form)
        return save_checked(form.save_checked)

    def destroy(self, request, *args, **kwargs):
        post = self.get_object()
        require(policy.can_edit(request.user, post.plan.municipality))
        version = request.query_params.get("version", "")
        if not version.isdigit():
            raise serializers.ValidationError({"version": [_("Give the version read to remove the post.")]})
        save_checked(lambda: services.post_delete(post=post, expected_version=int(version), user=request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router):
    router.register("staff-plans", StaffPlanViewSet, basename="staff-plan")
    router.register("posts", PostViewSet, basename="post")
