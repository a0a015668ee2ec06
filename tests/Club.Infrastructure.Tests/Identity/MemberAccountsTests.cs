using Club.Domain.Members;
using Club.Infrastructure.Identity;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Infrastructure.Tests.Identity;

public class MemberAccountsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Creates_the_account_the_profile_and_the_role_together()
    {
        var result = await CreateAsync(new NewAccount("new.buyer@example.com", "8 (903) 555-11-22", "secret-123", "Новый Покупатель", Roles.Buyer));

        result.Succeeded.Should().BeTrue();
        await using var scope = db.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var user = await context.Users.Include(u => u.Member).SingleAsync(u => u.Email == "new.buyer@example.com");
        user.PhoneNumber.Should().Be("+79035551122");
        user.Member!.FullName.Should().Be("Новый Покупатель");
        (await context.UserRoles.CountAsync(r => r.UserId == user.Id)).Should().Be(1);
    }

    [Fact]
    public async Task Refuses_a_phone_number_already_taken_even_when_written_differently()
    {
        await CreateAsync(new NewAccount("first@example.com", "+7 903 777-00-01", "secret-123", "Первый", Roles.Buyer));

        var second = await CreateAsync(new NewAccount("second@example.com", "8 903 7770001", "secret-123", "Второй", Roles.Buyer));

        second.Succeeded.Should().BeFalse();
        second.Errors.Should().ContainSingle().Which.Should().Contain("phone number already exists");
    }

    [Theory]
    [InlineData("password1", "The password must be at least 10 characters long.")]
    [InlineData("aaaaaaa1", "The password must be at least 10 characters long.")]
    [InlineData("1234567a", "The password must be at least 10 characters long.")]
    [InlineData("qwertyuiop", "This password is one of the most common ones and is tried first by attackers. Choose another.")]
    [InlineData("Password123", "This password is one of the most common ones and is tried first by attackers. Choose another.")]
    [InlineData("not a phone", "Enter a phone number with its area code, e.g. +7 916 123-45-67.")]
    public async Task Refuses_bad_input_with_a_message_and_creates_nothing(string passwordOrPhone, string expected)
    {
        var isPhoneCase = passwordOrPhone.Contains(' ', StringComparison.Ordinal);
        var email = $"bad-{Guid.NewGuid():N}@example.com";
        var result = await CreateAsync(new NewAccount(
            email, isPhoneCase ? passwordOrPhone : $"+7903{Random.Shared.Next(1000000, 9999999)}", isPhoneCase ? "secret-123" : passwordOrPhone, "Имя", Roles.Buyer));

        result.Errors.Should().Contain(expected);
        await using var scope = db.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ClubDbContext>().Users.AnyAsync(u => u.Email == email)).Should().BeFalse();
    }

    [Fact]
    public async Task Refuses_a_password_containing_the_local_part_of_the_email()
    {
        var result = await CreateAsync(new NewAccount("margarita.ivanova@example.com", "+7 903 444-55-66", "MARGARITA.Ivanova-1990", "Маргарита", Roles.Buyer));

        result.Errors.Should().Contain("The password must not contain your email address.");
    }

    [Fact]
    public async Task Accepts_a_long_uncommon_password_without_digits_or_symbols()
    {
        var result = await CreateAsync(new NewAccount("lena@example.com", "+7 903 444-55-67", "correct horse battery", "Лена", Roles.Buyer));

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Twenty_simultaneous_sign_ups_with_one_email_make_exactly_one_account()
    {
        var attempts = Enumerable.Range(0, 20).Select(i =>
            CreateAsync(new NewAccount("race@example.com", $"+7904000{i:0000}", "secret-123", "Гонка", Roles.Buyer)));

        var results = await Task.WhenAll(attempts);

        results.Count(r => r.Succeeded).Should().Be(1);
        await using var scope = db.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        (await context.Users.CountAsync(u => u.NormalizedEmail == "RACE@EXAMPLE.COM")).Should().Be(1);
        (await context.Members.CountAsync(m => m.FullName == "Гонка")).Should().Be(1);
    }

    private Task<AccountResult> CreateAsync(NewAccount account) =>
        db.WithScopeAsync<MemberAccounts, AccountResult>(accounts => accounts.CreateAsync(account));
}
