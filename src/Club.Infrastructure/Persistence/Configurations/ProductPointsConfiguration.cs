using Club.Domain.Points;
using Club.Infrastructure.Persistence.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class ProductPointsConfiguration : IEntityTypeConfiguration<ProductPoints>
{
    public void Configure(EntityTypeBuilder<ProductPoints> builder)
    {
        // Created by hand in the migration (ProductPointsView), not by EF.
        builder.HasNoKey().ToView(ProductPointsView.Name);
    }
}
