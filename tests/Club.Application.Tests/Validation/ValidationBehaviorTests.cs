using Club.Application.Abstractions;
using Club.Application.Features.Catalog;
using Club.Application.Validation;
using Club.Domain.Catalog;
using Club.Testing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Validation;

public class ValidationBehaviorTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static SaveGiftCommand Gift(string title, int points = 100) =>
        new(null, title, "", "", points, 5, null, GiftAudience.Everyone, null, null, null, GiftState.Published);

    [Fact]
    public async Task A_failing_validator_answers_with_the_commands_failure_and_the_handler_is_not_called()
    {
        var behavior = new ValidationBehavior<SaveGiftCommand, SaveGiftResult>([new SaveGiftValidator()]);
        var called = false;

        var result = await behavior.Handle(Gift(new string('a', Club.Domain.Catalog.Gift.MaxTitleLength + 1)), (_, _) =>
        {
            called = true;
            return ValueTask.FromResult(new SaveGiftResult(null, 1));
        }, CancellationToken.None);

        called.Should().BeFalse();
        result.Saved.Should().BeFalse();
        result.Error!.Key.Should().Be("Enter the gift's name (up to {0} characters).");
        result.Error.Args.Should().Equal(Club.Domain.Catalog.Gift.MaxTitleLength);
        result.Error.Text.Should().Be("Enter the gift's name (up to 120 characters).");
    }

    [Fact]
    public async Task Valid_input_goes_on_to_the_handler()
    {
        var behavior = new ValidationBehavior<SaveGiftCommand, SaveGiftResult>([new SaveGiftValidator()]);

        var result = await behavior.Handle(Gift("Серьги"), (_, _) => ValueTask.FromResult(new SaveGiftResult(null, 7)), CancellationToken.None);

        result.GiftId.Should().Be(7);
    }

    [Fact]
    public async Task A_result_with_fields_carries_the_field_and_the_message()
    {
        var behavior = new ValidationBehavior<SaveGiftPhotoCommand, Result>([new SaveGiftPhotoValidator()]);

        var result = await behavior.Handle(new SaveGiftPhotoCommand(1, new byte[GiftPhoto.MaxBytes + 1]),
            (_, _) => throw new InvalidOperationException("The handler must not run."), CancellationToken.None);

        var error = result.Errors.Should().ContainSingle().Subject;
        error.MemberNames.Should().Equal(nameof(SaveGiftPhotoCommand.Content));
        error.ErrorMessage.Should().Be("The photo is larger than 2 MB.");
        error.Message().Should().Be(new UserMessage("The photo is larger than {0} MB.", error.Message().Args));
        error.Message().Args.Should().Equal(2);
    }

    [Fact]
    public async Task The_first_broken_rule_is_the_one_reported()
    {
        var result = await new ValidationBehavior<SaveGiftCommand, SaveGiftResult>([new SaveGiftValidator()])
            .Handle(Gift("", points: 0), (_, _) => ValueTask.FromResult(new SaveGiftResult(null, 1)), CancellationToken.None);

        result.Error!.Text.Should().Be("Enter the gift's name (up to 120 characters).");
    }

    [Fact]
    public async Task The_mediator_runs_the_step_before_the_handler()
    {
        await using var scope = db.Services.CreateAsyncScope();
        scope.ServiceProvider.GetServices<IValidator<SaveGiftCommand>>().Should().ContainSingle();
        var title = "Слишком дорогой " + Guid.NewGuid().ToString("N")[..6];

        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(Gift(title, points: Club.Domain.Catalog.Gift.MaxPoints + 1));

        result.Error!.Text.Should().Be("The price must be from 1 to 1,000,000 points.");
        await using var context = await scope.ServiceProvider.GetRequiredService<IClubDbFactory>().CreateAsync();
        (await context.Gifts.AnyAsync(g => g.Title == title)).Should().BeFalse();
    }
}
