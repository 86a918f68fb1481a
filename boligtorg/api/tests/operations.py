"""Walks of the API's operations for the tests: the schema classes each reads and
answers, at any depth."""

from boligtorg.api.api import api


def operation_models() -> list[type]:
    """The models of every operation's parameters and responses, at any depth. The
    wrappers (django-ninja's BodyParams, QueryParams, NinjaResponseSchema) are
    flattened into the operation, so only what they hold becomes a component."""
    models = []
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for wrapper in operation.models:
                    models.extend(nested_models(wrapper))
                for response in operation.response_models.values():
                    if isinstance(response, type):
                        models.extend(nested_models(response))
    return models


def nested_models(model: type) -> list[type]:
    """The schema classes a model's fields refer to, at any depth."""
    seen: list[type] = []
    todo = [model]
    while todo:
        current = todo.pop()
        for field in getattr(current, "model_fields", {}).values():
            for cls in classes_in(field.annotation):
                if cls not in seen and hasattr(cls, "model_fields"):
                    seen.append(cls)
                    todo.append(cls)
    return seen


def classes_in(annotation: object) -> list[type]:
    if isinstance(annotation, type):
        return [annotation]
    return [cls for arg in getattr(annotation, "__args__", ()) for cls in classes_in(arg)]
