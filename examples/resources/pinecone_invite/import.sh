# An invite is imported by its ID. Pinecone does not return an invite's role
# bindings, so the configured ones are recorded by the next apply as they are.
terraform import pinecone_invite.bob 1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f
