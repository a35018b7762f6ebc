"""What the user reads: a message as a template with its values (`text`), said in English or Chinese
(`language`, `chinese`), with numbers in their units (`units`).
"""
