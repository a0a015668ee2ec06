using Club.Domain.Tags;

namespace Club.Domain.Tests.Tags;

public class TagBatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static TagBatch NewBatch() => new() { Id = 7, Quantity = 10, FirstTagId = 101, TemplateName = "t", CreatedBy = "me" };

    [Fact]
    public void Moves_forward_through_printed_shipped_and_active_with_dates()
    {
        var batch = NewBatch();

        batch.MoveTo(TagBatchState.Printed, Now).Should().BeNull();
        batch.MoveTo(TagBatchState.Shipped, Now.AddDays(1), partnerId: 3).Should().BeNull();
        batch.MoveTo(TagBatchState.Active, Now.AddDays(2)).Should().BeNull();

        batch.State.Should().Be(TagBatchState.Active);
        (batch.PrintedAt, batch.ShippedAt, batch.ActivatedAt).Should().Be((Now, Now.AddDays(1), Now.AddDays(2)));
        batch.PartnerId.Should().Be(3);
    }

    [Theory]
    [InlineData(TagBatchState.Shipped)]
    [InlineData(TagBatchState.Active)]
    [InlineData(TagBatchState.Generated)]
    public void Refuses_to_skip_steps_or_go_back(TagBatchState target)
    {
        var batch = NewBatch();

        batch.MoveTo(target, Now, partnerId: 1).Should().NotBeNull();
        batch.State.Should().Be(TagBatchState.Generated);
    }

    [Fact]
    public void Shipping_needs_a_partner()
    {
        var batch = NewBatch();
        batch.MoveTo(TagBatchState.Printed, Now);

        batch.MoveTo(TagBatchState.Shipped, Now).Should().Be("Choose the partner the batch is shipped to.");
        batch.State.Should().Be(TagBatchState.Printed);
    }

    [Fact]
    public void Voiding_is_possible_from_any_state_and_final()
    {
        var batch = NewBatch();
        batch.MoveTo(TagBatchState.Printed, Now);

        batch.MoveTo(TagBatchState.Voided, Now, note: "  stolen from the van  ").Should().BeNull();

        batch.Note.Should().Be("stolen from the van");
        batch.MoveTo(TagBatchState.Shipped, Now, partnerId: 1).Should().NotBeNull();
        batch.MoveTo(TagBatchState.Voided, Now).Should().NotBeNull();
        batch.State.Should().Be(TagBatchState.Voided);
    }

    [Fact]
    public void Knows_its_tags_by_the_id_range()
    {
        var batch = NewBatch();

        (batch.Contains(100), batch.Contains(101), batch.Contains(110), batch.Contains(111)).Should().Be((false, true, true, false));
        batch.Number.Should().Be("B000007");
    }
}
