// Package provider implements the Terraform provider for Pinecone: schemas,
// plans and the mapping between Terraform state and the client's types. It
// never builds URLs or looks at HTTP statuses itself.
//
// Each resource is <name>_resource.go (CRUD and ImportState),
// <name>_resource_schema.go (the schema, from which the data sources derive
// theirs) and <name>_model.go (the model and its pure converters);
// collection_resource.go is the smallest complete example to copy. Every
// resource and data source uses the same helpers, found by file name:
//
//	configure.go          configuredResource / configuredDataSource (Configure)
//	state.go              setState: store a converted model
//	crud.go               readOrRemove (Read), deleteAndWait (Delete), waitAndStore
//	                      (wait for ready, store), getWithTimeout (plan/state and
//	                      timeout), storePlan (an Update with nothing to send)
//	import.go             importName, importID, importAssistantScoped
//	recovery.go           adoptOwnRetriedCreate (409 of our own retried create),
//	                      createOrRecover (objects without a unique name)
//	diagnostics.go        addError, addCreateError, removedOutsideTerraform
//	timeouts.go           timeoutsAttribute, withTimeout, default timeouts
//	planmodifiers.go      plan modifiers shared by several resources
//	validators.go         name rules, tag rules and other validators
//	convert.go            value conversions (types.String ⇄ string, pointers)
//	json_dynamic.go       metadata as a dynamic value ⇄ JSON
//	datasource_schema.go  computedAttributes: data source schema from a resource's;
//	                      listSchema: the schema of a data source that lists
//	datasource_read.go    readOne (describeOne): the Read of a data source of one
//	                      object; listData: the Read of a data source that lists;
//	                      readConfig, noDiags, withCtx
//
// CONTRIBUTING.md describes the conventions these helpers implement.
package provider

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/vectorcraft/pinecone"

// Environment variables read by the provider. PINECONE_CONTROLLER_HOST is the
// one Pinecone's own SDKs read (Pinecone Local has not been tested with this
// provider; see the provider page).
const (
	EnvAPIKey         = "PINECONE_API_KEY"
	EnvControllerHost = "PINECONE_CONTROLLER_HOST"
	EnvClientID       = "PINECONE_CLIENT_ID"
	EnvClientSecret   = "PINECONE_CLIENT_SECRET"
	EnvAccessToken    = "PINECONE_ACCESS_TOKEN"
	// EnvOAuthTokenURL overrides the OAuth token endpoint (Pinecone's SDKs
	// hard-code it; the provider lets tests and the emulator serve it).
	EnvOAuthTokenURL = "PINECONE_OAUTH_TOKEN_URL"
	// EnvDataPlaneURL sends index data-plane requests (namespaces) to one
	// URL, for emulators; see the data_plane_url setting.
	EnvDataPlaneURL = "PINECONE_DATA_PLANE_URL"
)

var _ provider.Provider = (*pineconeProvider)(nil)

type pineconeProvider struct {
	version string
	// apiVersion, when set, is the X-Pinecone-Api-Version of every call
	// (see NewAtAPIVersion); empty means the client's per-call choice.
	apiVersion string
}

// NewAtAPIVersion returns a provider whose client sends apiVersion on every
// call, with the request and response shapes of that version. It is for
// tests that reproduce what an earlier release of this provider (which sent
// 2026-04 everywhere) wrote into state; users get New.
func NewAtAPIVersion(version, apiVersion string) func() provider.Provider {
	return func() provider.Provider { return &pineconeProvider{version: version, apiVersion: apiVersion} }
}

// New returns a constructor of the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &pineconeProvider{version: version} }
}

type providerModel struct {
	APIKey         types.String `tfsdk:"api_key"`
	ControllerHost types.String `tfsdk:"controller_host"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	DefaultTags    types.Map    `tfsdk:"default_tags"`
	ClientID       types.String `tfsdk:"client_id"`
	ClientSecret   types.String `tfsdk:"client_secret"`
	AccessToken    types.String `tfsdk:"access_token"`
	OAuthTokenURL  types.String `tfsdk:"oauth_token_url"`
	DataPlaneURL   types.String `tfsdk:"data_plane_url"`
}

// providerData is what resources and data sources receive from Configure.
type providerData struct {
	client *client.Client
	// defaultTags are merged under every index's own tags. Unknown while the
	// provider configuration is not yet known (defaultTagsKnown false).
	defaultTags      map[string]string
	defaultTagsKnown bool

	// models caches the inference catalogue for plan-time checks.
	models *modelCatalogue
}

func (p *pineconeProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "pinecone"
	resp.Version = p.version
}

func (p *pineconeProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages Pinecone control-plane objects (indexes and more) through Pinecone's API.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: "Pinecone API key. Defaults to the `" + EnvAPIKey + "` environment variable. " +
					"Only checked when a call needs it, so `terraform validate` works without one.",
				Optional:  true,
				Sensitive: true,
			},
			"controller_host": schema.StringAttribute{
				MarkdownDescription: "Control-plane URL. Defaults to `" + EnvControllerHost + "`, else `" + client.DefaultBaseURL + "`. " +
					"The scheme is kept, so `http://127.0.0.1:8080` points the provider at a local emulator such as this " +
					"repository's `pinecone-emulator`. Pinecone Local, Pinecone's own emulator, has not been tested with this " +
					"provider: it speaks API version 2025-01 and ignores API keys, and Pinecone's docs list backups, restores " +
					"and collections among what it lacks.",
				Optional: true,
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a request is retried after a rate limit (429), a server error (5xx) " +
					"or a broken connection. `Retry-After` is honoured. Default 8; 0 disables retries.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 50)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "Timeout of one HTTP attempt, as a Go duration such as `60s`. Default `60s`.",
				Optional:            true,
				Validators:          []validator.String{durationValidator{}},
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "Client ID of a Pinecone service account, for the admin API (projects, API keys). " +
					"Defaults to `" + EnvClientID + "`. Its token is fetched on the first admin call and cached.",
				Optional: true,
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "Client secret of the service account. Defaults to `" + EnvClientSecret + "`.",
				Optional:            true,
				Sensitive:           true,
			},
			"access_token": schema.StringAttribute{
				MarkdownDescription: "A ready admin API access token, instead of `client_id`/`client_secret`. Defaults to `" +
					EnvAccessToken + "`.",
				Optional:  true,
				Sensitive: true,
			},
			"oauth_token_url": schema.StringAttribute{
				MarkdownDescription: "OAuth token endpoint for service accounts. Defaults to `" + EnvOAuthTokenURL + "`, else `" +
					client.DefaultTokenURL + "`; the emulator serves it at `<emulator URL>/oauth/token`.",
				Optional: true,
			},
			"data_plane_url": schema.StringAttribute{
				MarkdownDescription: "For emulators only. Defaults to `" + EnvDataPlaneURL + "`. Pinecone serves each " +
					"index's data plane (namespaces) at the index's own host, and without this setting the provider " +
					"sends those requests to `https://<index host>`. An emulator serves every index on one address: set " +
					"this to it (e.g. `http://127.0.0.1:8080`), and the provider sends data-plane requests there with " +
					"the index's host in the `Host` header, which is how the emulator tells indexes apart. Leave it " +
					"unset against Pinecone.",
				Optional: true,
			},
			"default_tags": schema.MapAttribute{
				MarkdownDescription: "Tags added to every index this provider manages. An index's own `tags` win " +
					"on conflicting keys; the merged result is the index's `tags_all`.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Map{mapvalidator.KeysAre(tagKeyValidators()...), mapvalidator.ValueStringsAre(tagValueValidators()...)},
			},
		},
	}
}

func (p *pineconeProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts, diagsOK := p.clientOptions(cfg, req.TerraformVersion, resp)
	if !diagsOK {
		return
	}
	c, err := client.New(opts)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("controller_host"), "Invalid Pinecone control-plane URL", err.Error())
		return
	}
	data := &providerData{client: c, models: &modelCatalogue{}}
	if !cfg.DefaultTags.IsUnknown() {
		data.defaultTagsKnown = true
		data.defaultTags = stringMap(cfg.DefaultTags)
	}
	resp.ResourceData = data
	resp.DataSourceData = data
}

// clientOptions turns provider configuration and environment into client
// options. Unknown values (from not-yet-created resources) leave the setting
// empty; a call that needs it will say so.
func (p *pineconeProvider) clientOptions(cfg providerModel, terraformVersion string, resp *provider.ConfigureResponse) (client.Options, bool) {
	opts := client.Options{
		APIKey:     os.Getenv(EnvAPIKey),
		BaseURL:    os.Getenv(EnvControllerHost),
		UserAgent:  userAgent(p.version, terraformVersion),
		Retry:      client.DefaultRetryPolicy(),
		APIVersion: p.apiVersion,
	}
	if v := cfg.APIKey; !v.IsNull() && !v.IsUnknown() {
		opts.APIKey = v.ValueString()
	}
	if v := cfg.ControllerHost; !v.IsNull() && !v.IsUnknown() {
		opts.BaseURL = v.ValueString()
	}
	opts.ClientID = configOrEnv(cfg.ClientID, EnvClientID)
	opts.ClientSecret = configOrEnv(cfg.ClientSecret, EnvClientSecret)
	opts.AccessToken = configOrEnv(cfg.AccessToken, EnvAccessToken)
	opts.TokenURL = configOrEnv(cfg.OAuthTokenURL, EnvOAuthTokenURL)
	opts.DataPlaneURL = configOrEnv(cfg.DataPlaneURL, EnvDataPlaneURL)
	if strings.TrimSpace(opts.DataPlaneURL) != "" {
		if _, err := client.ParseDataPlaneURL(opts.DataPlaneURL); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("data_plane_url"), "Invalid data-plane URL", err.Error())
			return opts, false
		}
	}
	if v := cfg.MaxRetries; !v.IsNull() && !v.IsUnknown() {
		opts.Retry.MaxRetries = int(v.ValueInt64())
	}
	if v := cfg.RequestTimeout; !v.IsNull() && !v.IsUnknown() {
		d, err := time.ParseDuration(v.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("request_timeout"), "Invalid request_timeout", err.Error())
			return opts, false
		}
		opts.Retry.AttemptTimeout = d
	}
	return opts, true
}

func (p *pineconeProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewIndexResource,
		NewCollectionResource,
		NewBackupResource,
		NewBackupScheduleResource,
		NewAssistantResource,
		NewAssistantFileResource,
		NewProjectResource,
		NewAPIKeyResource,
		NewServiceAccountResource,
		NewRoleBindingResource,
		NewInviteResource,
		NewNamespaceResource,
	}
}

func (p *pineconeProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewIndexDataSource,
		NewIndexesDataSource,
		NewCollectionDataSource,
		NewCollectionsDataSource,
		NewBackupDataSource,
		NewBackupsDataSource,
		NewBackupSchedulesDataSource,
		NewBackupScheduleHistoryDataSource,
		NewRestoreJobDataSource,
		NewRestoreJobsDataSource,
		NewAssistantDataSource,
		NewAssistantsDataSource,
		NewAssistantFilesDataSource,
		NewProjectDataSource,
		NewProjectsDataSource,
		NewAPIKeysDataSource,
		NewOrganizationDataSource,
		NewServiceAccountDataSource,
		NewServiceAccountsDataSource,
		NewRoleBindingDataSource,
		NewRoleBindingsDataSource,
		NewInviteDataSource,
		NewInvitesDataSource,
		NewUserDataSource,
		NewUsersDataSource,
		NewNamespacesDataSource,
		NewInferenceModelDataSource,
		NewInferenceModelsDataSource,
	}
}

// userAgent names the provider and its version, and the Terraform (or
// OpenTofu) version when known, so Pinecone can tell our traffic apart.
func userAgent(version, terraformVersion string) string {
	ua := fmt.Sprintf("terraform-provider-pinecone/%s (+https://%s)", version, Address)
	if terraformVersion != "" {
		ua += " terraform/" + terraformVersion
	}
	return ua
}

// configOrEnv is the configured value, else the environment variable.
// Unknown values count as unset: a call that needs them says so.
func configOrEnv(v types.String, env string) string {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString()
	}
	return os.Getenv(env)
}
