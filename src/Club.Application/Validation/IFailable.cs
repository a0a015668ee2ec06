namespace Club.Application.Validation;

/// <summary>
/// A command result that can say "your input is wrong": the validation step of the pipeline builds it
/// from the failures, without calling the handler. Results that show one message take the first failure.
/// </summary>
public interface IFailable<TSelf>
    where TSelf : IFailable<TSelf>
{
    static abstract TSelf Invalid(IReadOnlyList<FieldFailure> failures);
}
