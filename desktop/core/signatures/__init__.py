"""Chữ ký số (digital signatures, Decree 30/2020 văn bản điện tử): verifying the signed PDFs
that arrive (`verify`), signing the letters the agency issues (`sign`), and the root CA
certificates an office trusts (`trust`). pyHanko is imported inside the functions that use it,
so starting the program does not pay for it.
"""
