variable "name" {
  description = "Name of the index: 1 to 45 lowercase letters, digits or hyphens, starting and ending with a letter or digit."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,43}[a-z0-9])?$", var.name))
    error_message = "The name must be 1 to 45 lowercase letters, digits or hyphens, and start and end with a letter or digit."
  }
}

variable "dimension" {
  description = "Dimension of the embedding model's vectors (1536 for OpenAI text-embedding-3-small, for example)."
  type        = number
  default     = 1536

  validation {
    condition     = var.dimension == floor(var.dimension) && var.dimension >= 1 && var.dimension <= 20000
    error_message = "The dimension must be a whole number from 1 to 20000."
  }
}

variable "metric" {
  description = "Similarity metric: cosine, euclidean or dotproduct."
  type        = string
  default     = "cosine"

  validation {
    condition     = contains(["cosine", "euclidean", "dotproduct"], var.metric)
    error_message = "The metric must be one of cosine, euclidean or dotproduct."
  }
}

variable "cloud" {
  description = "Cloud of the serverless index: aws, gcp or azure."
  type        = string
  default     = "aws"

  validation {
    condition     = contains(["aws", "gcp", "azure"], var.cloud)
    error_message = "The cloud must be one of aws, gcp or azure."
  }
}

variable "region" {
  description = "Region of the serverless index, e.g. us-east-1."
  type        = string
  default     = "us-east-1"
}

variable "deletion_protection" {
  description = "Whether Pinecone refuses to delete the index. Set it to false and apply before destroying."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags of the index, in addition to the module's own `module` tag."
  type        = map(string)
  default     = {}
}

variable "backup" {
  description = "When set, a backup of the index is taken. `name` defaults to \"<index name>-backup\"."
  type = object({
    name        = optional(string)
    description = optional(string)
  })
  default = null
}
