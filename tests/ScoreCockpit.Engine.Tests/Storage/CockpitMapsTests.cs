using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Storage.Maps;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Storage;

public sealed class CockpitMapsTests
{
    [Fact]
    public void TheListedMapsBuildTheSameModelAsEveryMapInTheEngine()
    {
        var listed = new ModelBuilder();
        CockpitMaps.ApplyTo(listed);
        var scanned = new ModelBuilder();
        scanned.ApplyConfigurationsFromAssembly(typeof(CockpitDbContext).Assembly);

        Assert.NotEmpty(scanned.Model.GetEntityTypes());
        // Temporary key names are numbered in the order the maps run, which the list need not follow.
        Assert.Equal(Described(scanned), Described(listed));
    }

    private static string Described(ModelBuilder builder) => Regex.Replace(builder.Model.ToDebugString(), @"TempId\d+", "TempId");
}
