package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/procdefaults"
	"github.com/vectorcraft/terraform-provider-pinecone/internal/provider"
)

//go:generate terraform fmt -recursive ./examples/
//go:generate go tool tfplugindocs generate --provider-name pinecone

// version is set by the release build with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	// A provider started for debugging (-debug) writes to the developer's
	// terminal, where its logs are the point.
	if !debug {
		if err := procdefaults.Apply(); err != nil {
			log.Fatal(err)
		}
	}

	stopProfile, err := startCPUProfile(os.Getenv(cpuProfileVariable))
	if err != nil {
		log.Fatal(err)
	}
	err = providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: provider.Address,
		Debug:   debug,
	})
	stopProfile() // Serve returns when Terraform is done with this process
	if err != nil {
		log.Fatal(err)
	}
}
