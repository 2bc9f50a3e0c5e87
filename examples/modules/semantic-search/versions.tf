terraform {
  required_providers {
    pinecone = {
      source = "vectorcraft/pinecone"
    }
  }
}
