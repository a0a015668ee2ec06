using System.Linq.Expressions;
using Microsoft.AspNetCore.Components.Forms;

namespace Club.Web.Components.Shared;

/// <summary>Ties an EditForm field to its <see cref="FieldError{TValue}"/> message for screen readers.</summary>
public static class FieldErrors
{
    /// <summary>The id of the field's message while it has one (the input's aria-describedby), else null.</summary>
    public static string? DescribedBy<TValue>(EditContext context, Expression<Func<TValue>> field)
    {
        var identifier = FieldIdentifier.Create(field);
        return context.GetValidationMessages(identifier).Any() ? IdOf(identifier) : null;
    }

    public static string IdOf(FieldIdentifier field) => $"{field.FieldName.ToLowerInvariant()}-error";
}
