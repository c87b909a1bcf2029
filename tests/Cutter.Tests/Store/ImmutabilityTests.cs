using Cutter.Tests.Support;
using Xunit;

namespace Cutter.Tests.Store;

[Collection(StoreCollection.Name)]
public sealed class ImmutabilityTests(PostgresFixture postgres)
{
    private const string Immutable = "CT002";

    [Theory]
    [InlineData("UPDATE cutter_core.information_unit SET lifecycle_state = 'draft' WHERE iu_id = 1", "cutter: enacted information_unit 1 (art-1) is immutable: UPDATE refused")]
    [InlineData("UPDATE cutter_core.information_unit SET heading = 'x' WHERE iu_id = 1", "cutter: enacted information_unit 1 (art-1) is immutable: UPDATE refused")]
    [InlineData("DELETE FROM cutter_core.information_unit WHERE iu_id = 1", "cutter: enacted information_unit 1 (art-1) is immutable: DELETE refused")]
    [InlineData("UPDATE cutter_core.unit_version SET content = 'changed' WHERE uv_id = 1", "cutter: unit_version 1 of an enacted unit is immutable: UPDATE refused")]
    [InlineData("DELETE FROM cutter_core.unit_version WHERE uv_id = 1", "cutter: unit_version 1 of an enacted unit is immutable: DELETE refused")]
    [InlineData("UPDATE cutter_core.lifecycle_log SET to_state = 'draft'", "cutter: cutter_core.lifecycle_log rows are immutable: UPDATE refused")]
    [InlineData("DELETE FROM cutter_core.lifecycle_log", "cutter: cutter_core.lifecycle_log rows are immutable: DELETE refused")]
    [InlineData("UPDATE cutter_governance.review_decision SET signer = 'someone else'", "cutter: cutter_governance.review_decision rows are immutable: UPDATE refused")]
    [InlineData("DELETE FROM cutter_governance.review_decision", "cutter: cutter_governance.review_decision rows are immutable: DELETE refused")]
    public async Task Enacted_and_audit_rows_refuse_change_even_for_the_owner(string statement, string message)
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);

        var error = await Sql.FailsAsync(store.OwnerConnectionString, statement);

        Assert.Equal(Immutable, error.SqlState);
        Assert.Equal(message, error.MessageText);
    }

    [Fact]
    public async Task A_draft_unit_may_be_enacted_and_its_rows_deleted_while_it_is_a_draft()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);

        Assert.Equal(1, await Sql.ExecAsync(store.ExecConnectionString, "DELETE FROM cutter_core.unit_version WHERE iu_id = 2"));
        Assert.Equal(1, await Sql.ExecAsync(store.ExecConnectionString, "UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted' WHERE iu_id = 2"));
        var error = await Sql.FailsAsync(store.ExecConnectionString, "DELETE FROM cutter_core.information_unit WHERE iu_id = 2");
        Assert.Equal(Immutable, error.SqlState);
    }

    [Fact]
    public async Task Writes_to_content_tables_are_refused_while_the_execution_flag_is_off()
    {
        await using var store = await postgres.NewStoreAsync();
        await Sql.ExecAsync(store.OwnerConnectionString, StoreSeedSql.DocumentWithEnactedAndDraftUnits);
        await Sql.ExecAsync(store.OwnerConnectionString, "UPDATE cutter_governance.execution_flag SET enabled = false");

        var error = await Sql.FailsAsync(store.ExecConnectionString, "UPDATE cutter_core.information_unit SET lifecycle_state = 'enacted' WHERE iu_id = 2");

        Assert.Equal("CT001", error.SqlState);
        Assert.Equal("cutter: UPDATE on cutter_core.information_unit refused: the execution flag is off for every run", error.MessageText);
    }
}
