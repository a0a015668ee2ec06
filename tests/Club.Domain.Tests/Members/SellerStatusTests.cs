using Club.Domain.Members;

namespace Club.Domain.Tests.Members;

public class SellerStatusTests
{
    [Theory]
    [InlineData(SellerStatus.Pending, SellerStatus.Active)]
    [InlineData(SellerStatus.Pending, SellerStatus.Rejected)]
    [InlineData(SellerStatus.Rejected, SellerStatus.Active)]
    [InlineData(SellerStatus.Active, SellerStatus.Suspended)]
    [InlineData(SellerStatus.Suspended, SellerStatus.Active)]
    public void A_manager_may_make_these_moves(SellerStatus from, SellerStatus to)
    {
        SellerStatuses.CheckMove(from, to).Should().BeNull();
    }

    [Theory]
    [InlineData(SellerStatus.Pending, SellerStatus.Suspended)]
    [InlineData(SellerStatus.Active, SellerStatus.Pending)]
    [InlineData(SellerStatus.Active, SellerStatus.Rejected)]
    [InlineData(SellerStatus.Active, SellerStatus.Active)]
    [InlineData(SellerStatus.Rejected, SellerStatus.Suspended)]
    public void Other_moves_are_refused_with_a_reason(SellerStatus from, SellerStatus to)
    {
        SellerStatuses.CheckMove(from, to).Should().NotBeNullOrWhiteSpace();
    }
}
