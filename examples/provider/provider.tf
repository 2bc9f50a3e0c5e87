terraform {
  required_providers {
    pinecone = {
      source = "vectorcraft/pinecone"
    }
  }
}

provider "pinecone" {
  # API key of the Pinecone project. Optional here: when omitted, the provider reads
  # PINECONE_API_KEY from the environment, which keeps the key out of configuration.
  api_key = var.pinecone_api_key

  # Control-plane endpoint. When omitted: PINECONE_CONTROLLER_HOST, else https://api.pinecone.io.
  # The scheme is kept as written, so a local emulator on http://127.0.0.1:PORT works.
  controller_host = "https://api.pinecone.io"

  # How many times a failed request (HTTP 429 or 5xx) is retried. Waits follow the
  # Retry-After header when the API sends one, otherwise an exponential backoff with jitter.
  max_retries = 5

  # Time limit for one HTTP request, as a duration string.
  request_timeout = "60s"

  # Tags merged into the tags of every index this provider manages; when a key is set in
  # both places, the index's own `tags` win. The merged result is in each index's `tags_all`.
  default_tags = {
    managed_by = "terraform"
    team       = "search"
  }
}

variable "pinecone_api_key" {
  description = "Pinecone API key (or leave null and set PINECONE_API_KEY)."
  type        = string
  sensitive   = true
  default     = null
}
