using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Accounts.Tokens;

namespace ScoreCockpit.Engine.Storage.Maps;

internal sealed class PersonalAccessTokenMap : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> token)
    {
        token.ToTable("personal_access_tokens");
        token.Property(t => t.Name).HasMaxLength(CreateTokenHandler.MaxNameLength);
        token.Property(t => t.Scope).HasConversion<string>().HasMaxLength(16);
        token.Property(t => t.SecretHash).HasMaxLength(64);
        token.HasIndex(t => t.SecretHash).IsUnique();
        token.Property(t => t.Prefix).HasMaxLength(TokenSecrets.PrefixLength);
        token.Property(t => t.RevokedBy).HasMaxLength(256);
        // An account deleted from the store takes its tokens with it: nothing can act as a person who no longer exists.
        token.HasOne<CockpitUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.HasIndex(t => t.UserId);
    }
}
