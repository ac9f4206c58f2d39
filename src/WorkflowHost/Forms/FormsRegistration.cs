namespace WorkflowHost.Forms;

/// <summary>Task forms: the catalogue tasks read, the store of forms edited in the designer and its migration.</summary>
public static class FormsRegistration
{
    public static IServiceCollection AddTaskForms(this IServiceCollection services, string formsPath)
    {
        services.AddSingleton<FormStore>();
        services.AddSingleton(sp => new FormCatalog(formsPath, sp.GetRequiredService<FormStore>()));
        services.AddSingleton<FormAdministration>();
        return services;
    }
}
