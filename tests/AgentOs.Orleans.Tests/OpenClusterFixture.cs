namespace AgentOs.Orleans.Tests;

/// <summary>Three silos without host totals.</summary>
public sealed class OpenClusterFixture() : ClusterFixture(3, null);
