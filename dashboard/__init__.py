"""The CSIL coverage atlas: a Dash app showing which Belgian communes a CSIL covers."""
