using Club.Application.Abstractions;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace Club.Application.Validation;

/// <summary>
/// The pipeline's validation step: runs the command's validators and, when the input breaks a rule,
/// answers with the command's own failure result instead of calling the handler.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
    where TResponse : IFailable<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FieldFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors.Select(ToFailure));
        }

        return failures.Count == 0 ? await next(message, cancellationToken) : TResponse.Invalid(failures);
    }

    private static FieldFailure ToFailure(ValidationFailure failure) => new(
        string.IsNullOrEmpty(failure.PropertyName) ? null : failure.PropertyName,
        failure.CustomState as UserMessage ?? new UserMessage(failure.ErrorMessage));
}
