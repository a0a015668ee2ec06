using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Club.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// HAND-WRITTEN: the shared rate limiter's counters (see PostgresRateLimiter). The table is not part of
    /// the EF model (only plain SQL touches it), so this migration has no designer model.
    /// UNLOGGED: a counter is a few minutes' memory, not worth a WAL write per request; after a crash
    /// of PostgreSQL the counters start from zero, which only gives a client one fresh window.
    /// </summary>
    [DbContext(typeof(ClubDbContext))]
    [Migration("20261203060000_RateLimitCounters")]
    public partial class RateLimitCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("""
                CREATE UNLOGGED TABLE IF NOT EXISTS rate_limit_counters (
                    policy text NOT NULL,
                    partition_hash text NOT NULL,
                    hits integer NOT NULL,
                    window_ends_at timestamptz NOT NULL,
                    CONSTRAINT pk_rate_limit_counters PRIMARY KEY (policy, partition_hash));
                """);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP TABLE IF EXISTS rate_limit_counters;");
    }
}
