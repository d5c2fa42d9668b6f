using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse.Import;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Import;

public sealed class ImportCsvHandlerTests(PostgresClusterFixture postgres)
{
    [Fact]
    public async Task An_analyst_imports_and_the_import_is_audited()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await using var warehouse = await ImportWarehouse.CreateAsync();
        var handler = ActivatorUtilities.CreateInstance<ImportCsvHandler>(store.Services);
        using var content = new MemoryStream("a,b\n1,x\n2,y\n"u8.ToArray());

        var result = await handler.HandleAsync(
            new ImportCsv(warehouse.Info, "upload.csv", new CsvImportOptions("uploaded")), content, Actor.Of("ada", Roles.Analyst),
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.RowsImported);
        await using var db = await store.OpenAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.DataImported, TestContext.Current.CancellationToken);
        Assert.Equal(("ada", "uploaded (warehouse test)", "upload.csv: 2 rows, 2 columns, 0 rejected lines"), (entry.Actor, entry.Subject, entry.Details));
    }

    [Fact]
    public async Task A_viewer_cannot_import()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await using var warehouse = await ImportWarehouse.CreateAsync();
        var handler = ActivatorUtilities.CreateInstance<ImportCsvHandler>(store.Services);
        using var content = new MemoryStream("a\n1\n"u8.ToArray());

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => handler.HandleAsync(
            new ImportCsv(warehouse.Info, "upload.csv", new CsvImportOptions("uploaded")), content, Actor.Of("vic", Roles.Viewer),
            TestContext.Current.CancellationToken));

        Assert.Contains("needs the Analyst role", error.Message, StringComparison.Ordinal);
        Assert.Empty(await warehouse.TablesAsync());
    }
}
