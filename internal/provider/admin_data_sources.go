package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure = (*projectDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*projectsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*apiKeysDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*organizationDataSource)(nil)
)

// NewProjectDataSource is the constructor of data source pinecone_project.
func NewProjectDataSource() datasource.DataSource { return &projectDataSource{} }

// NewProjectsDataSource is the constructor of data source pinecone_projects.
func NewProjectsDataSource() datasource.DataSource { return &projectsDataSource{} }

// NewAPIKeysDataSource is the constructor of data source pinecone_api_keys.
func NewAPIKeysDataSource() datasource.DataSource { return &apiKeysDataSource{} }

// NewOrganizationDataSource is the constructor of data source pinecone_organization.
func NewOrganizationDataSource() datasource.DataSource { return &organizationDataSource{} }

type projectDataSource struct{ configuredDataSource }
type projectsDataSource struct{ configuredDataSource }
type apiKeysDataSource struct{ configuredDataSource }
type organizationDataSource struct{ configuredDataSource }

type projectDataModel struct {
	ID                      types.String `tfsdk:"id"`
	Name                    types.String `tfsdk:"name"`
	MaxPods                 types.Int64  `tfsdk:"max_pods"`
	ForceEncryptionWithCMEK types.Bool   `tfsdk:"force_encryption_with_cmek"`
	OrganizationID          types.String `tfsdk:"organization_id"`
	CreatedAt               types.String `tfsdk:"created_at"`
}

// projectAttributes mirrors the resource schema so the two never drift. A
// project read here shows what Pinecone allots as max_pods.
func projectAttributes() map[string]dschema.Attribute {
	attrs := computedAttributes(projectResourceSchema().Attributes, "effective_max_pods")
	attrs["max_pods"] = dschema.Int64Attribute{Computed: true, MarkdownDescription: "Pods Pinecone allots to the project."}
	return attrs
}

func newProjectData(p *client.Project) projectDataModel {
	return projectDataModel{
		ID: types.StringValue(p.ID), Name: types.StringValue(p.Name), MaxPods: types.Int64Value(p.MaxPods),
		ForceEncryptionWithCMEK: types.BoolValue(p.ForceEncryptionWithCMEK),
		OrganizationID:          types.StringValue(p.OrganizationID), CreatedAt: types.StringValue(p.CreatedAt),
	}
}

func (d *projectDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project"
}

func (d *projectDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := projectAttributes()
	attrs["id"] = dschema.StringAttribute{Optional: true, Computed: true, Validators: uuidValidators(), MarkdownDescription: "Project ID. Give `id` or `name`."}
	attrs["name"] = dschema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Project name (must match exactly one project)."}
	resp.Schema = dschema.Schema{MarkdownDescription: "Reads one Pinecone project by ID or name (admin API).", Attributes: attrs}
}

func (d *projectDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, ok := readConfig[projectDataModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	var p *client.Project
	var err error
	switch {
	case !cfg.ID.IsNull():
		p, err = d.data.client.DescribeProject(ctx, cfg.ID.ValueString())
	case !cfg.Name.IsNull():
		p, err = d.projectByName(ctx, cfg.Name.ValueString())
	default:
		resp.Diagnostics.AddError("Missing project selector", "Set `id` or `name`.")
		return
	}
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Pinecone project not found", err.Error())
		return
	}
	if err != nil {
		addError(&resp.Diagnostics, "Error reading Pinecone project", "Reading project", err)
		return
	}
	out := newProjectData(p)
	setState(ctx, &resp.State, &resp.Diagnostics, &out, nil)
}

func (d *projectDataSource) projectByName(ctx context.Context, name string) (*client.Project, error) {
	list, err := d.data.client.ListProjects(ctx)
	if err != nil {
		return nil, err
	}
	var found []client.Project
	for _, p := range list {
		if p.Name == name {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("no project named %q: %w", name, client.ErrNotFound)
	case 1:
		return &found[0], nil
	}
	return nil, fmt.Errorf("%d projects are named %q; select one by id", len(found), name)
}

type projectsDataModel struct {
	ID       types.String       `tfsdk:"id"`
	Projects []projectDataModel `tfsdk:"projects"`
}

func (d *projectsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_projects"
}

func (d *projectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = listSchema("Lists the projects of the organization, sorted by name (admin API).",
		"Constant identifier of this listing (`pinecone_projects`).",
		nil, "projects", "The projects.", projectAttributes())
}

func (d *projectsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, err := d.data.client.ListProjects(ctx)
	projects, diags, ok := listData(&resp.Diagnostics, "projects", "Listing projects", list, err,
		func(p *client.Project) string { return p.Name }, noDiags(newProjectData))
	if ok {
		out := projectsDataModel{ID: types.StringValue("pinecone_projects"), Projects: projects}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}

type apiKeyDataModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	ProjectID types.String `tfsdk:"project_id"`
	Roles     types.Set    `tfsdk:"roles"`
}

func newAPIKeyData(ctx context.Context, k *client.APIKey) (apiKeyDataModel, diag.Diagnostics) {
	m, diags := newAPIKeyModel(ctx, k, &apiKeyResourceModel{})
	return apiKeyDataModel{ID: m.ID, Name: m.Name, ProjectID: m.ProjectID, Roles: m.Roles}, diags
}

type apiKeysDataModel struct {
	ID        types.String      `tfsdk:"id"`
	ProjectID types.String      `tfsdk:"project_id"`
	APIKeys   []apiKeyDataModel `tfsdk:"api_keys"`
}

func (d *apiKeysDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_api_keys"
}

func (d *apiKeysDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = listSchema("Lists the API keys of a project, sorted by name (admin API). Secrets are never listed.",
		"The project ID.",
		map[string]dschema.Attribute{
			"project_id": dschema.StringAttribute{Required: true, Validators: uuidValidators(), MarkdownDescription: "Project whose keys to list."},
		}, "api_keys", "The keys (without secrets).", computedAttributes(apiKeyResourceSchema().Attributes, "value"))
}

func (d *apiKeysDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, ok := readConfig[apiKeysDataModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	project := cfg.ProjectID.ValueString()
	list, err := d.data.client.ListAPIKeys(ctx, project)
	keys, diags, ok := listData(&resp.Diagnostics, "API keys", "Listing API keys of project "+project, list, err,
		func(k *client.APIKey) string { return k.Name }, withCtx(ctx, newAPIKeyData))
	if ok {
		out := apiKeysDataModel{ID: cfg.ProjectID, ProjectID: cfg.ProjectID, APIKeys: keys}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}

type organizationDataModel struct {
	ID            types.String `tfsdk:"id"`
	Name          types.String `tfsdk:"name"`
	Plan          types.String `tfsdk:"plan"`
	PaymentStatus types.String `tfsdk:"payment_status"`
	SupportTier   types.String `tfsdk:"support_tier"`
	CreatedAt     types.String `tfsdk:"created_at"`
}

func (d *organizationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization"
}

func (d *organizationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Reads the organization of the service account (admin API): by `id`, or the only one it can see.",
		Attributes: map[string]dschema.Attribute{
			"id":             dschema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: "Organization ID; optional when the credentials see one organization."},
			"name":           dschema.StringAttribute{Computed: true, MarkdownDescription: "Organization name."},
			"plan":           dschema.StringAttribute{Computed: true, MarkdownDescription: "Plan: `Free`, `Standard`, `Enterprise` or `Dedicated`."},
			"payment_status": dschema.StringAttribute{Computed: true, MarkdownDescription: "Payment status, e.g. `Active`."},
			"support_tier":   dschema.StringAttribute{Computed: true, MarkdownDescription: "Support tier."},
			"created_at":     dschema.StringAttribute{Computed: true, MarkdownDescription: "Creation time (RFC 3339)."},
		},
	}
}

func (d *organizationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, ok := readConfig[organizationDataModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	var org *client.Organization
	if id := knownString(cfg.ID); id != "" {
		o, err := d.data.client.DescribeOrganization(ctx, id)
		if err != nil {
			addError(&resp.Diagnostics, "Error reading Pinecone organization", fmt.Sprintf("Reading organization %s", id), err)
			return
		}
		org = o
	} else {
		list, err := d.data.client.ListOrganizations(ctx)
		if err != nil {
			addError(&resp.Diagnostics, "Error reading Pinecone organization", "Listing organizations", err)
			return
		}
		if len(list) != 1 {
			resp.Diagnostics.AddError("Ambiguous Pinecone organization",
				fmt.Sprintf("The credentials see %d organizations; set `id`.", len(list)))
			return
		}
		org = &list[0]
	}
	out := &organizationDataModel{
		ID: types.StringValue(org.ID), Name: types.StringValue(org.Name), Plan: types.StringValue(org.Plan),
		PaymentStatus: types.StringValue(org.PaymentStatus), SupportTier: types.StringValue(org.SupportTier),
		CreatedAt: types.StringValue(org.CreatedAt),
	}
	setState(ctx, &resp.State, &resp.Diagnostics, out, nil)
}
